"""What the checks read: the spaCy pipeline (:mod:`.pipeline`), a reply split into lines,
sentences and tokens (:mod:`.reply`), term matching (:mod:`.terms`), word lists
(:mod:`.lexicons`), grammar helpers (:mod:`.grammar`) and the readability backend
(:mod:`.readability`)."""
