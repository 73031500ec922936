"""Choice widgets written out in Python: the markup of Django's own, without a template per option.

Django renders each option of a select or a radio group through three small templates. A check-in has
about a hundred ratings of six options each and the settings page about 600 time zones: those renders
took most of the pages' time. These widgets write the same elements and attributes (ids, labels,
``checked``/``selected``, ``aria-invalid``) in one pass, every value escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe


def html_attrs(attrs: dict[str, Any]) -> str:
    """HTML attributes as Django's ``attrs.html`` writes them: ``True`` alone, ``False`` and None left out."""
    return "".join(
        f" {key}" if value is True else f' {key}="{escape(str(value))}"'
        for key, value in attrs.items()
        if value is not False and value is not None
    )


class RadioButtons(forms.RadioSelect):
    """Radio buttons as Django's RadioSelect writes them: each option a labelled input in a ``div``.

    Written from the choices themselves, not from a dict of attributes per option (``optgroups``): the
    attributes every option shares are written once, then each option's id and ``checked``."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        shared = self.build_attrs(self.attrs, attrs)
        chosen = self.format_value(value)  # the field's values as text
        keys = list(shared)
        cut = keys.index("id") if "id" in shared else len(keys)
        before = html_attrs({key: shared[key] for key in keys[:cut]})
        after = html_attrs({key: shared[key] for key in keys[cut + 1 :]})
        start = f'<input type="{self.input_type}" name="{escape(name)}" value="'
        options = []
        found = False
        for index, (option_value, option_label) in enumerate(self.choices):
            grouped = isinstance(option_label, list | tuple)
            alone = ("" if option_value is None else option_value, option_label)
            group = option_label if grouped else [alone]
            for subindex, (each, label) in enumerate(group):
                selected = (not found or self.allow_multiple_selected) and str(each) in chosen
                found |= selected
                key = f"{index}_{subindex}" if grouped else str(index)
                option_id = escape(self.id_for_label(shared["id"], key)) if "id" in shared else ""
                id_attr = f' id="{option_id}"' if "id" in shared else ""
                options.append(
                    f'<div><label for="{option_id}">{start}{escape(str(each))}"{before}{id_attr}{after}'
                    f"{' checked' if selected else ''}> {escape(str(label))}</label></div>"
                )
        outer: dict[str, Any] = {key: shared[key] for key in ("id", "class") if key in shared}
        return mark_safe(f"<div{html_attrs(outer)}>{''.join(options)}</div>")


class Select(forms.Select):
    """A drop-down list as Django's Select writes it (groups as ``optgroup``, the first option whose value
    is the field's ``selected``), from the choices themselves: not a dict of attributes per option
    first (``optgroups``), which for the 600 time zones was most of the settings page's form."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        chosen = widget["value"]  # the field's values as text (``format_value``)
        parts = [f'<select name="{escape(name)}"{html_attrs(widget["attrs"])}>']
        found = False
        for option_value, option_label in self.choices:
            grouped = isinstance(option_label, list | tuple)
            options = (
                option_label if grouped else [("" if option_value is None else option_value, option_label)]
            )
            if grouped and option_value:
                parts.append(f'<optgroup label="{escape(str(option_value))}">')
            for each, label in options:
                selected = (not found or self.allow_multiple_selected) and str(each) in chosen
                found |= selected
                mark = " selected" if selected else ""
                parts.append(f'<option value="{escape(str(each))}"{mark}>{escape(str(label))}</option>')
            if grouped and option_value:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))
