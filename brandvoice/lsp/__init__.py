"""The language server (``brandvoice lsp``): lint and check as the text is typed."""
