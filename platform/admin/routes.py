"""Administration pages."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select

from platform.accounts.models import Role, User
from platform.accounts.services import AccountError, change_role
from platform.admin import bp
from platform.admin.forms import RoleForm
from platform.admin.permissions import can_change_role, can_manage_users
from platform.extensions import db
from platform.permissions import ensure, permission_required, register_predicates

register_predicates(bp, can_manage_users, can_change_role)


@bp.route("/")
@permission_required(can_manage_users)
def index():
    return redirect(url_for("admin.users"))


@bp.route("/users")
@permission_required(can_manage_users)
def users():
    q = request.args.get("q", "").strip()[:100]
    query = select(User).order_by(User.created_at.desc(), User.id.desc())
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
    target = db.session.get(User, user_id) or abort(404)
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
