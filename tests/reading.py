"""Helpers that read a page the way a resident sees it."""

import json
import re


def page_html(client, page, /, **params):
    """GET a page as an anonymous resident; fail loudly on anything but 200."""
    response = client.get(page.url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def json_ld(html):
    """The schema.org data of a page head, parsed."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


def card_titles(html):
    """Titles of the cards of a listing (centres, offers, section pages), in order."""
    return re.findall(r'class="stadtteil-card__title"><a href="[^"]*">(.*?)</a>', html)
