"""Room booking requests, the public request form, the staff workflow, fees,
notifications and personal-data retention.

The models arrive with the booking issue; the app is installed from the start
so that a site's ``INSTALLED_APPS`` does not change when they do.
"""
