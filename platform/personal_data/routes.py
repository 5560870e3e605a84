"""Download one's data; delete one's account."""

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from platform.accounts.permissions import can_manage_account
from platform.accounts.sessions import end_session, sign_in_limit
from platform.extensions import limiter
from platform.forms import form_status, submit
from platform.permissions import permission_required
from platform.personal_data import bp, services
from platform.personal_data.forms import DeleteAccountForm


@bp.route("/account/export")
@permission_required(can_manage_account)
def export():
    """Everything the account contributed and its settings, as a JSON file to download."""
    filename, text = services.export_file(current_user)
    response = current_app.response_class(text, mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/account/delete", methods=["GET", "POST"])
@permission_required(can_manage_account)
@limiter.limit(sign_in_limit, methods=["POST"])
def delete():
    """Erase the account's personal data, keep its contributions under "Deleted account"."""
    form = DeleteAccountForm()
    account = current_user._get_current_object()
    if not submit(form, services.delete_account, account, form.password.data).ok:
        return render_template("personal_data/delete.html", form=form), form_status(form)
    end_session()
    flash(_("Your account is deleted. Thank you for taking part."), "success")
    return redirect(url_for("main.home"))
