"""Recurring schedules in local time, closures and public holidays, and the
occurrence store that calendars, feeds and availability read from.

The models arrive with the schedules issue; the app is installed from the start
so that a site's ``INSTALLED_APPS`` does not change when they do.
"""
