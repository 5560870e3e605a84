"""Text helpers: Markdown rendered safely, and words for finding similar texts."""

import re
import unicodedata

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

# Raw HTML is not Markdown here: it is shown as text. What Markdown produces then goes through
# an allow-list, as a second line of defence.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr",
    "h2", "h3", "h4",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def render_markdown(source):
    """Turn a contribution's Markdown into safe HTML."""
    # Headings start at level 2: the page's own title is the only h1.
    html = _markdown.render(source or "")
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    html = re.sub(r"<(/?)h[56]>", r"<\1h4>", html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above


def fold(text):
    """Lowercase and strip accents, so that "Vélo" and "velo" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


STOP_WORDS = frozenset(
    fold(
        """
        les des une un le la de du et en au aux pour par sur dans avec sans plus pas que qui
        est sont ont nos vos leur leurs ces cette ce cet son sa ses mon ma mes il elle ils elles
        nous vous on tres trop tout tous toute toutes faire fait etre avoir comme mais donc
        ou car ni peu bien aussi quand entre chez vers apres avant depuis encore
        the and for with from that this are was were has have not but all can our your their
        los las del por con sin para una unos unas que como mas muy esta este estos estas
        """
    ).split()
)


def keywords(text):
    """The meaningful words of a text, folded, in order of first appearance."""
    seen = {}
    for word in re.findall(r"[a-z0-9]+", fold(text)):
        if len(word) >= 3 and word not in STOP_WORDS:
            seen.setdefault(word, None)
    return list(seen)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text):
    """Text for a CSV cell, with a formula a spreadsheet would run made inert (CSV injection)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
