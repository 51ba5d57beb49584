"""Strict YAML for everything an author or a school writes: plain data only.

``yaml.safe_load`` rules (no tags that build objects), and also: no aliases (an alias bomb is
refused at once instead of being expanded), no duplicate keys, nesting at most MAX_DEPTH deep,
no NUL bytes. Errors are ``ContentError``s that name the file and the line.
"""
from __future__ import annotations

import yaml
from yaml.constructor import ConstructorError

from .model import ContentError

MAX_DEPTH = 20
# libyaml's parser where the wheel has it: the same rules, ten times faster.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                dup = key in seen
            except TypeError:
                raise ConstructorError(None, None, "a mapping key must be text", key_node.start_mark) from None
            if dup:
                raise ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)


def _line(mark, offset: int) -> int:
    return mark.line + 1 + offset  # events always carry a mark


def load(text: str, path: str, field: str = "file", line_offset: int = 0):
    """Parse ``text``; ``line_offset`` is added to line numbers (front matter starts on line 2)."""
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1 + line_offset
        raise ContentError(path, field, "contains a NUL byte (line {line})", line=line)
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_Base):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ContentError(path, field, "YAML anchors and aliases are not allowed (line {line})", line=_line(event.start_mark, line_offset))
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ContentError(path, field, "nested more than {count} level deep (line {line})",
                                       plural="nested more than {count} levels deep (line {line})",
                                       count=MAX_DEPTH, line=_line(event.start_mark, line_offset))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as e:
        mark = _start(e, text)
        problem = getattr(e, "problem", None) or "cannot be parsed"
        if mark is None:
            raise ContentError(path, field, "invalid YAML: {problem}", problem=problem) from None
        raise ContentError(path, field, "invalid YAML (line {line}): {problem}",
                               line=mark.line + 1 + line_offset, problem=problem) from None


# Where the parser names the start of what it could not finish: an unclosed quote or bracket. The
# parser gives up much later (often at the end of the front matter); the editor needs the start.
_STARTS = ("while scanning a quoted scalar", "while parsing a flow sequence", "while parsing a flow mapping",
           "while scanning a block scalar", "while scanning a simple key")


def _start(e, text: str):
    """The line to show: the opening quote or bracket when the value was never closed, else the
    line where the parser found the problem (a key whose value is wrong is on that line).
    A quoted value that runs over several lines and ends on the problem's line is taken to be the
    cause: a missing closing quote swallows the lines after it, up to the next quote."""
    context = getattr(e, "context_mark", None)
    if context is not None and getattr(e, "context", None) in _STARTS:
        return context
    problem = getattr(e, "problem_mark", None)
    if problem is None or isinstance(e, ConstructorError):
        return problem
    runaway = None
    try:
        for token in yaml.scan(text, Loader=_Base):
            if token.start_mark.line > problem.line:
                break
            if (isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
                    and token.end_mark.line > token.start_mark.line and token.end_mark.line == problem.line):
                runaway = token.start_mark
    except yaml.YAMLError:
        pass
    return runaway or problem
