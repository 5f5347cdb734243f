"""Plugin apps. Each sub-package is a Django app whose AppConfig is a cms.plugins.PortalPlugin."""
