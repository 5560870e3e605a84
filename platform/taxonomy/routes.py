"""The administration of themes and districts, under /admin/themes and /admin/districts."""

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from platform.forms import add_error
from platform.permissions import permission_required, register_predicates
from platform.taxonomy import bp, services
from platform.taxonomy.forms import NamedItemForm
from platform.taxonomy.models import District, Theme
from platform.taxonomy.permissions import can_manage_taxonomy

register_predicates(bp, can_manage_taxonomy)


@dataclass(frozen=True)
class NamedKind:
    """A kind of reference data managed on the same pages: its model and its words.

    Messages with `%(name)s` are formatted with the item's name once translated.
    """

    model: type
    title: str
    caption: str
    empty: str
    add_title: str
    add_button: str
    edit_title: str
    back: str
    added: str
    saved: str
    deleted: str


NAMED_KINDS = {
    "themes": NamedKind(
        model=Theme,
        title=_l("Themes"),
        caption=_l("Themes, in display order"),
        empty=_l("There is no theme yet."),
        add_title=_l("Add a theme"),
        add_button=_l("Add the theme"),
        edit_title=_l("Change the theme “%(name)s”"),
        back=_l("Back to the themes"),
        added=_l("The theme “%(name)s” is added."),
        saved=_l("The theme “%(name)s” is saved."),
        deleted=_l("The theme “%(name)s” is deleted."),
    ),
    "districts": NamedKind(
        model=District,
        title=_l("Districts"),
        caption=_l("Districts, in display order"),
        empty=_l("There is no district yet."),
        add_title=_l("Add a district"),
        add_button=_l("Add the district"),
        edit_title=_l("Change the district “%(name)s”"),
        back=_l("Back to the districts"),
        added=_l("The district “%(name)s” is added."),
        saved=_l("The district “%(name)s” is saved."),
        deleted=_l(
            "The district “%(name)s” is deleted: its problems and accounts no longer have one."
        ),
    ),
}


def named_kind_route(rule, **options):
    """Serve a view at /admin/themes<rule> and /admin/districts<rule>, passing `kind`.

    One URL rule per kind (rather than an `any(...)` converter) keeps every URL buildable from
    its endpoint and arguments alone.
    """

    def decorator(view):
        for kind in NAMED_KINDS:
            bp.add_url_rule(f"/{kind}{rule}", view_func=view, defaults={"kind": kind}, **options)
        return view

    return decorator


def get_named_item_or_404(kind, item_id):
    return services.find_named_item(NAMED_KINDS[kind].model, item_id) or abort(404)


def named_item_values(form):
    return {name: form[name].data for name in ("slug", "name_fr", "name_en", "name_es", "position")}


@named_kind_route("", methods=["GET", "POST"])
@permission_required(can_manage_taxonomy)
def named_items(kind):
    named = NAMED_KINDS[kind]
    form = NamedItemForm()
    if form.validate_on_submit():
        try:
            item = services.create_named_item(named.model, **named_item_values(form))
        except services.TaxonomyError as error:
            add_error(form, error.field, error.message)
        else:
            flash(named.added % {"name": item.name}, "success")
            return redirect(url_for("taxonomy.named_items", kind=kind))
    elif not form.is_submitted():
        form.position.data = services.next_position(named.model)
    return render_template(
        "taxonomy/named_items.html",
        kind=kind,
        named=named,
        rows=services.list_named_items(named.model),
        form=form,
    ), (400 if form.errors else 200)


@named_kind_route("/<int:item_id>/edit", methods=["GET", "POST"])
@permission_required(can_manage_taxonomy)
def edit_named_item(kind, item_id):
    named = NAMED_KINDS[kind]
    item = get_named_item_or_404(kind, item_id)
    # Shown filled from the item; once submitted, only what was sent counts.
    form = NamedItemForm(obj=None if request.method == "POST" else item)
    if form.validate_on_submit():
        try:
            services.update_named_item(item, **named_item_values(form))
        except services.TaxonomyError as error:
            add_error(form, error.field, error.message)
        else:
            flash(named.saved % {"name": item.name}, "success")
            return redirect(url_for("taxonomy.named_items", kind=kind))
    return render_template(
        "taxonomy/edit_named_item.html", kind=kind, named=named, item=item, form=form
    ), (400 if form.errors else 200)


@named_kind_route("/<int:item_id>/delete", methods=["POST"])
@permission_required(can_manage_taxonomy)
def delete_named_item(kind, item_id):
    named = NAMED_KINDS[kind]
    item = get_named_item_or_404(kind, item_id)
    name = item.name
    try:
        services.delete_named_item(item)
    except services.TaxonomyError as error:
        flash(error.message, "error")
    else:
        flash(named.deleted % {"name": name}, "success")
    return redirect(url_for("taxonomy.named_items", kind=kind))
