"""Many replies at once: reading CSV, JSONL and Parquet input (:mod:`.inputs`), streamed,
parallel and resumable audits (:mod:`.audit`), the HTML report (:mod:`.report`) and the Dask
adapter (:mod:`.dask_adapter`)."""
