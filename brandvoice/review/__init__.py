"""The human approval gate: review states, roles and binding (:mod:`.gate`), the SQL store
with its hash-chained audit log (:mod:`.store`) and the ``brandvoice review`` commands
(:mod:`.commands`)."""
