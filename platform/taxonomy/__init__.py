"""Districts and themes: reference data named in every language, kept by admins."""
