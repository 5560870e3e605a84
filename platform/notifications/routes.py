"""Pages: the list of notifications, opening one, marking all read, e-mail settings."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from platform.forms import add_error
from platform.notifications import bp, services
from platform.notifications.forms import EmailSettingsForm
from platform.notifications.messages import target_of, text_of
from platform.notifications.permissions import can_read_notifications
from platform.permissions import permission_required


@bp.app_template_filter("notification_text")
def notification_text(notification):
    return text_of(notification)


@bp.route("/")
@permission_required(can_read_notifications)
def index():
    page = services.notifications_page(current_user, request.args.get("page", 1, type=int))
    return render_template("notifications/index.html", page=page)


@bp.route("/<int:notification_id>")
@permission_required(can_read_notifications)
def open_notification(notification_id):
    """Mark the notification read and go to what it is about; another account's is not found."""
    notification = services.notification_for(current_user, notification_id)
    if notification is None:
        abort(404)
    services.mark_read(current_user, notification)
    endpoint, values, anchor = target_of(notification)
    return redirect(url_for(endpoint, **values) + anchor)


@bp.route("/read", methods=["POST"])
@permission_required(can_read_notifications)
def mark_all_read():
    count = services.mark_all_read(current_user)
    if count:
        flash(_("All your notifications are marked as read."), "success")
    return redirect(url_for("notifications.index"))


@bp.route("/settings", methods=["GET", "POST"])
@permission_required(can_read_notifications)
def settings():
    form = EmailSettingsForm(email_frequency=services.settings_of(current_user).email_frequency)
    if form.validate_on_submit():
        try:
            services.set_email_frequency(current_user, form.email_frequency.data)
        except services.NotificationError as error:
            add_error(form, error.field, error.message)
        else:
            flash(_("Your choice of e-mails is saved."), "success")
            return redirect(url_for("notifications.settings"))
    return render_template("notifications/settings.html", form=form), 400 if form.errors else 200
