"""Read an admin form as a browser would submit it, so tests post what the page offers."""


def form_values(form) -> dict:
    """The values a browser would send for this form (a BeautifulSoup element) unchanged.

    Unticked checkboxes and submit buttons send nothing; a multiple select sends a list.
    """
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            # Browsers drop the one newline that may follow <textarea>.
            data[name] = field.get_text().removeprefix("\n")
        elif field.name == "select":
            chosen = [o.get("value", o.get_text()) for o in field.select("option[selected]")]
            if field.has_attr("multiple"):
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
            else:
                first = field.select_one("option")
                data[name] = first.get("value", first.get_text()) if first else ""
        else:
            kind = field.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                continue
            if kind in {"checkbox", "radio"}:
                if field.has_attr("checked"):
                    data.setdefault(name, []).append(field.get("value", "on"))
                continue
            data[name] = field.get("value", "")
    return data


def statement_form_data(politician, topic, **overrides) -> dict:
    """A valid statement form as an editor fills it in; `politician` and `topic` are rows or
    their ids ("" for a speaker added on the same page)."""
    return {
        "politician": getattr(politician, "pk", politician),
        "topic": getattr(topic, "pk", topic),
        "words": "They should extend the ban to ministers' private phones.",
        "said_on": "2023-03-13",
        "said_on_precision": "day",
        "outlet": "PoliticsHome",
        "source_url": "https://www.politicshome.com/news/article/uk-set-to-ban-tiktok",
        "source_kind": "interview",
        "archive_url": "",
        "context": "",
        "position": "wants_extended",
        "pending_correction_note": "",
        **overrides,
    }
