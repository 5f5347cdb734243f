"""A plugin that exists only in the test settings, to prove the plugin contract."""
