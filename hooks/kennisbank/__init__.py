"""The knowledge base's domain: cards, checklists, cross-links and translation status.

Plain Python. Nothing here imports MkDocs, so the logic can be tested on its own
and moved to another site generator later. The hook files in ``hooks/`` wire it
to MkDocs events.
"""
