"""Built-in checks, one module per category. Each module is a plugin registering its check
through :func:`brandvoice.plugins.hookspecs.brandvoice_register_checks`, as a third party would."""
