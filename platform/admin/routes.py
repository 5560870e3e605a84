"""Administration pages: accounts and roles, then the reference data (themes and districts)."""

from dataclasses import dataclass

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, or_, select

from platform.accounts.models import Role, User
from platform.accounts.services import AccountError, change_role
from platform.admin import bp, services
from platform.admin.forms import NamedItemForm, RoleForm
from platform.admin.permissions import can_change_role, can_manage_taxonomy, can_manage_users
from platform.extensions import db
from platform.forms import add_error
from platform.permissions import ensure, permission_required, register_predicates
from platform.taxonomy.models import District, Theme

register_predicates(bp, can_manage_users, can_change_role, can_manage_taxonomy)


@bp.route("/")
@permission_required(can_manage_users)
def index():
    return redirect(url_for("admin.users"))


@bp.route("/users")
@permission_required(can_manage_users)
def users():
    q = request.args.get("q", "").strip()[:100]
    query = (
        select(User)
        .where(User.deleted_at.is_(None))
        .order_by(User.created_at.desc(), User.id.desc())
    )
    if q:
        pattern = f"%{q.lower()}%"
        query = query.where(
            or_(User.email.like(pattern), func.lower(User.display_name).like(pattern))
        )
    page = db.paginate(query, per_page=current_app.config["USERS_PER_PAGE"], error_out=False)
    return render_template("admin/users.html", page=page, q=q, roles=list(Role))


@bp.route("/users/<int:user_id>/role", methods=["POST"])
@permission_required(can_manage_users)
def set_role(user_id):
    target = db.session.get(User, user_id)
    if target is None or target.is_deleted:
        abort(404)
    ensure(can_change_role(current_user, target))
    form = RoleForm()
    if form.validate_on_submit():
        try:
            change_role(current_user, target, form.role.data)
        except AccountError as error:
            form.role.errors.append(error.message)
        else:
            flash(
                _("%(name)s is now: %(role)s.", name=target.display_name, role=target.role.label),
                "success",
            )
            return redirect(url_for("admin.users", q=request.args.get("q") or None))
    return render_template("admin/role_refused.html", target=target, form=form), 400


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
    return db.session.get(NAMED_KINDS[kind].model, item_id) or abort(404)


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
            return redirect(url_for("admin.named_items", kind=kind))
    elif not form.is_submitted():
        form.position.data = services.next_position(named.model)
    return render_template(
        "admin/named_items.html",
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
            return redirect(url_for("admin.named_items", kind=kind))
    return render_template(
        "admin/edit_named_item.html", kind=kind, named=named, item=item, form=form
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
    return redirect(url_for("admin.named_items", kind=kind))
