"""Reading pages as a person would: entities decoded."""

import html


def text(response):
    """The page's HTML with character references decoded, for checking messages."""
    return html.unescape(response.get_data(as_text=True))
