"""Built-in rules, shipped inside the package as ``cleaner.builtin_rules``."""
