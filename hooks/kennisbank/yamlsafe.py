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
        for key_node, _ in node.value:
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


def _line(mark, offset: int) -> str:
    return f" (line {mark.line + 1 + offset})" if mark is not None else ""


def load(text: str, path: str, field: str = "file", line_offset: int = 0):
    """Parse ``text``; ``line_offset`` is added to line numbers (front matter starts on line 2)."""
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1 + line_offset
        raise ContentError(path, field, f"contains a NUL byte (line {line})")
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_Base):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ContentError(path, field, f"YAML anchors and aliases are not allowed{_line(event.start_mark, line_offset)}")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ContentError(path, field, f"nested more than {MAX_DEPTH} levels deep{_line(event.start_mark, line_offset)}")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or "cannot be parsed"
        raise ContentError(path, field, f"invalid YAML{_line(mark, line_offset)}: {problem}") from None
