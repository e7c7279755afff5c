"""Template filters for the wording of `core.text`: `{% load words %}`, then
`{{ names|join_list }}`, `{{ _("Reference number")|label }}`, `{{ district.display_name|bracketed }}`,
`{{ first|followed_by:second }}`, `{{ campaign.subsidy_rate|percent }}`.

The filters escape what they are given (unless it is safe already, as a `blocktranslate … asvar` is) and
mark their result safe, so a value is escaped once, whichever way it came in."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from innochallenge.core import text

register = template.Library()


def _escaped(value, autoescape: bool):
    return conditional_escape(value) if autoescape else value


@register.filter(needs_autoescape=True)
def join_list(items, autoescape=True) -> str:
    return mark_safe(text.join_list(_escaped(item, autoescape) for item in items or []))


@register.filter(needs_autoescape=True)
def label(value, autoescape=True) -> str:
    return mark_safe(text.label(_escaped(value, autoescape)))


@register.filter(needs_autoescape=True)
def followed_by(sentence, other, autoescape=True) -> str:
    return mark_safe(text.join_sentences(_escaped(sentence, autoescape), _escaped(other, autoescape)))


@register.filter(needs_autoescape=True)
def bracketed(value, autoescape=True) -> str:
    return mark_safe(text.bracketed(_escaped(value, autoescape)))


@register.filter
def percent(fraction, places=None) -> str:
    return text.percent(fraction, None if places in (None, "") else int(places))
