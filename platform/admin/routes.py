"""Administration pages: accounts and their roles (themes and districts: `platform.taxonomy`)."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from platform.accounts import services as accounts
from platform.admin import bp
from platform.admin.forms import RoleForm
from platform.admin.permissions import can_change_role, can_manage_users
from platform.forms import submit
from platform.permissions import ensure, permission_required, register_predicates
from platform.roles import Role

register_predicates(bp, can_manage_users, can_change_role)


@bp.route("/")
@permission_required(can_manage_users)
def index():
    return redirect(url_for("admin.users"))


@bp.route("/users")
@permission_required(can_manage_users)
def users():
    q = request.args.get("q", "").strip()[:100]
    page = accounts.accounts_page(
        q, page=request.args.get("page", 1, type=int),
        per_page=current_app.config["USERS_PER_PAGE"],
    )  # fmt: skip
    return render_template("admin/users.html", page=page, q=q, roles=list(Role))


@bp.route("/users/<int:user_id>/role", methods=["POST"])
@permission_required(can_manage_users)
def set_role(user_id):
    target = accounts.find_active_account(user_id) or abort(404)
    ensure(can_change_role(current_user, target))
    form = RoleForm()
    if submit(form, accounts.change_role, current_user, target, form.role.data).ok:
        flash(_("%(name)s is now: %(role)s.", name=target.display_name, role=target.role.label),
              "success")  # fmt: skip
        return redirect(url_for("admin.users", q=request.args.get("q") or None))
    return render_template("admin/role_refused.html", target=target, form=form), 400
