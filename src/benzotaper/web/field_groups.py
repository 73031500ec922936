"""Form fields written out in Python: the markup of Django's ``field.html``, without a template per part.

Django writes a field (``{{ field.as_field_group() }}``) through a template for the field, one for its
label, one for its error list (even an empty one) and two for its input. The plan builder has about 35
fields and the plan page a dozen: those renders were most of the pages' time. A form whose
``bound_field_class`` is ``WrittenField`` writes the same elements and attributes (label or legend,
help text, errors, the input with ``aria-describedby``, ``aria-invalid`` and ``required``) in one pass,
every value escaped. Choices are written by ``web.widgets``; another kind of widget, or a field with a
hidden initial value, is still rendered by Django.
"""

from __future__ import annotations

from html import escape
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from benzotaper.web.widgets import html_attrs

# The widgets whose template is Django's plain <input> (``input.html``), by their template's name.
_INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in ("text", "number", "date", "email", "password", "url", "hidden", "checkbox")
}
_TEXTAREA = "django/forms/widgets/textarea.html"


class WrittenField(BoundField):
    """A bound field whose group and input are written out in Python (this module's docstring)."""

    def as_field_group(self) -> SafeString:
        described = self.aria_describedby
        label = self._label_html()
        help_id = html_attrs({"id": f"{self.auto_id}_helptext" if self.auto_id else None})
        # The help text is ours (the forms' own sentences), unescaped as field.html leaves it.
        help_text = f'<div class="helptext"{help_id}>{self.help_text}</div>' if self.help_text else ""
        errors = self.errors or ""
        if self.use_fieldset:
            fieldset = html_attrs({"aria-describedby": described or None})
            return mark_safe(f"<fieldset{fieldset}>\n{label}\n{help_text}\n{errors}\n{self}\n</fieldset>")
        return mark_safe(f"{label}\n{help_text}\n{errors}\n{self}")

    def _label_html(self) -> str:
        """``label_tag()`` (``legend_tag()`` in a fieldset) as Django writes it."""
        if not self.label:
            return ""
        suffix = self.field.label_suffix if self.field.label_suffix is not None else self.form.label_suffix
        text = conditional_escape(self.label)
        if suffix and self.label[-1] not in ":?.!":
            text += conditional_escape(suffix)
        widget = self.field.widget
        field_id = widget.attrs.get("id") or self.auto_id
        if not field_id:
            return str(text)
        tag = "legend" if self.use_fieldset else "label"
        return f"<{tag}{html_attrs({'for': widget.id_for_label(field_id) or None})}>{text}</{tag}>"

    def __str__(self) -> SafeString:
        """The input, as ``as_widget()`` writes it."""
        widget = self.field.widget
        written = widget.template_name in _INPUTS or widget.template_name == _TEXTAREA
        if not written or self.field.show_hidden_initial or self.field.localize:
            return super().__str__()
        attrs = self.build_widget_attrs({}, widget)
        if self.auto_id and "id" not in widget.attrs:
            attrs.setdefault("id", self.auto_id)
        context: dict[str, Any] = widget.get_context(self.html_name, self.value(), attrs)["widget"]
        name, attributes = escape(context["name"]), html_attrs(context["attrs"])
        if widget.template_name == _TEXTAREA:
            value = escape(str(context["value"])) if context["value"] else ""
            return mark_safe(f'<textarea name="{name}"{attributes}>\n{value}</textarea>')
        value = "" if context["value"] is None else f' value="{escape(str(context["value"]))}"'
        return mark_safe(f'<input type="{context["type"]}" name="{name}"{value}{attributes}>')

    __html__ = __str__


class WrittenForm(forms.Form):
    """A form whose fields are ``WrittenField``s."""

    bound_field_class = WrittenField
