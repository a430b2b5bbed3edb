"""Escalation playbooks: the model and loader (:mod:`.model`), business hours and SLAs
(:mod:`.hours`), triage of an inbound message (:mod:`.triage`) and drafting replies from
sandboxed templates (:mod:`.drafting`)."""
