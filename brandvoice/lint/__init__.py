"""``brandvoice lint``: voice files (:mod:`.voices`), playbook files (:mod:`.playbooks`) and
the JSON Schemas editors use (:mod:`.jsonschema`)."""
