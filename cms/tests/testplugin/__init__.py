"""A small complete plugin, installed only by the test settings: README's "Writing a
plugin" shows its files, and the shared fence, switched-off and backup tests run on it."""
