"""The site's form renderer: Django's, with one field template (`core/forms/field.html`) in which a
checkbox comes first and its label after it, without the colon other labels carry."""

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    field_template_name = "core/forms/field.html"
