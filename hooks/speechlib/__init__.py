"""Pure modules behind the site's hooks: the content model, paragraph anchors, phrase matching.

Nothing here imports MkDocs at module level except where an error type is needed, so tests and
scripts (the importer) can use these modules directly.
"""
