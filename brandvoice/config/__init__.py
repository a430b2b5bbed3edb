"""Configuration files: YAML parsed with node marks (:mod:`.yamlio`), the schema types that
validate it and produce JSON Schema (:mod:`.schema`), and layered loading with ``extends``
(:mod:`.loader`). Nothing here knows what a voice or a playbook is."""
