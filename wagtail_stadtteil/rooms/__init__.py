"""Rooms of a centre, their regular use and public room calendars.

The models arrive with the schedules issue; the app is installed from the start
so that a site's ``INSTALLED_APPS`` does not change when they do.
"""
