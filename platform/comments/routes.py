"""Editing and deleting one's comments (posting is done on the commented page's route)."""

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from platform.comments import bp, services, threads
from platform.comments.forms import CommentForm
from platform.comments.permissions import (
    can_comment,
    can_delete_comment,
    can_edit_comment,
    can_read_hidden_comment,
    is_comment_author,
)
from platform.limits import posting_limit
from platform.permissions import ensure, register_predicates

register_predicates(bp, can_comment, can_edit_comment, can_delete_comment, can_read_hidden_comment)


def load_comment(comment_id):
    comment = services.find_comment(comment_id)
    if comment is None:
        abort(404)
    target = comment.target()
    if target is None or not target.is_listed:
        abort(404)
    return comment, target


@bp.route("/<int:comment_id>/edit", methods=["GET", "POST"])
@posting_limit
def edit(comment_id):
    comment, target = load_comment(comment_id)
    closed = is_comment_author(current_user, comment) and services.edit_closed_message()
    ensure(can_edit_comment(current_user, comment), closed)
    form = CommentForm(data={"body": comment.body} if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.edit_comment(current_user, comment, form.body.data)
        except services.CommentError as error:
            form.body.errors.append(error.message)
        else:
            flash(_("Your comment is changed."), "success")
            return redirect(comment.target_url())
    status = 400 if form.errors else 200
    return render_template("comments/edit.html", form=form, comment=comment), status


@bp.route("/<int:comment_id>/delete", methods=["POST"])
def delete(comment_id):
    comment, target = load_comment(comment_id)
    ensure(can_delete_comment(current_user, comment))
    services.delete_comment(current_user, comment, target)
    flash(_("Your comment is deleted."), "success")
    return redirect(comment.target_url())


def handle_comment_form(target, render_page):
    """Post the comment form sent from a target's page: back to the new comment (on the page of
    the thread that shows it), or the page again (400) with the form's errors. Shared by every
    commentable page."""
    ensure(can_comment(current_user, target))
    form = CommentForm()
    if form.validate_on_submit():
        try:
            posted = services.post_comment(current_user, target, form.body.data, form.parent())
        except ValueError:
            form.body.errors.append(_("The comment you reply to does not exist."))
        except services.CommentError as error:
            form.body.errors.append(error.message)
        else:
            flash(_("Your comment is published."), "success")
            return redirect(posted.target_url())
    return render_page(comment_form=form, status=400)


PAGE_ARGUMENTS = ("comments_after", "comments_before", "comment", "thread")


def requested_comment_page(target):
    """The page of the target's comments that the URL asks for (see `threads`); for a malformed
    or foreign comment id, the first page, its `error` saying why."""
    try:
        named = {name: comment_id(request.args[name]) for name in PAGE_ARGUMENTS
                 if request.args.get(name)}  # fmt: skip
        return threads.comment_page(
            target, latest=request.args.get("comments") == "latest", **named
        )
    except services.CommentError as error:
        page = threads.comment_page(target)
        page.error = error.message
        return page


def comment_id(value):
    """An id from the URL; the database's integers stop at 2**31 - 1."""
    if not (value.isascii() and value.isdigit()) or not 0 < int(value) < 2**31:
        raise services.CommentError(threads.NOT_HERE)
    return int(value)
