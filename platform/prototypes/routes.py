"""Pages of prototypes: list, publish, show with results, versions, feedback, images."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user

from platform.charts import grouped_bar_chart
from platform.comments.forms import CommentForm
from platform.comments.routes import handle_comment_form, requested_comment_page
from platform.forms import form_status, submit
from platform.ideas.pages import problem_named_in_query
from platform.limits import posting_limit
from platform.permissions import can_see_drafts, ensure, register_predicates
from platform.prototypes import bp, queries, services, storage
from platform.prototypes.feedback import NOT_COLLECTING, feedback_of, give_feedback
from platform.prototypes.forms import (
    FeedbackForm,
    ImageForm,
    PrototypeFields,
    PrototypeForm,
    VersionForm,
    questions_data,
)
from platform.prototypes.models import QuestionKind
from platform.prototypes.permissions import (
    can_add_image,
    can_add_version,
    can_close_prototype,
    can_create_prototype,
    can_delete_image,
    can_edit_prototype,
    can_give_feedback,
    can_publish_prototype,
    can_view_prototype,
)
from platform.prototypes.results import comparison, results_of

register_predicates(
    bp,
    can_add_image,
    can_add_version,
    can_close_prototype,
    can_create_prototype,
    can_delete_image,
    can_edit_prototype,
    can_give_feedback,
    can_publish_prototype,
    can_see_drafts,
)


def get_prototype_or_404(prototype_id):
    prototype = queries.load_prototype(prototype_id)
    if prototype is None or prototype.is_hidden or not can_view_prototype(current_user, prototype):
        abort(404)
    return prototype


def back_to(prototype, anchor=""):
    return redirect(url_for("prototypes.show", prototype_id=prototype.id) + anchor)


@bp.route("/")
def index():
    page = queries.list_page(
        current_user, page=request.args.get("page", 1, type=int),
        per_page=current_app.config["ITEMS_PER_PAGE"],
    )  # fmt: skip
    return render_template("prototypes/index.html", page=page)


@bp.route("/new", methods=["GET", "POST"])
@posting_limit
def new():
    problem = problem_named_in_query()
    ensure(can_create_prototype(current_user, problem))
    form = PrototypeForm()
    publish = request.form.get("action") == "publish"
    sent = submit(form, services.create_prototype, current_user, problem, publish=publish,
                  **form.prototype_fields())  # fmt: skip
    if not sent.ok:
        return render_template("prototypes/new.html", form=form, problem=problem), form_status(form)
    if sent.result.is_draft:
        flash(_("The prototype is saved as a draft, seen by the lab only."), "success")
    else:
        flash(_("The prototype is published: citizens can test it."), "success")
    return back_to(sent.result)


def render_prototype(prototype, *, feedback_form=None, image_form=None, comment_form=None,
                     status=200):  # fmt: skip
    results = results_of(prototype)
    current = results[0]
    mine = feedback_of(current_user, current.version)
    if feedback_form is None:
        feedback_form = FeedbackForm(
            data={"rating": mine.rating, "comment": mine.comment} if mine else None,
            answers=mine.answers if mine else {},
        )
    svg, headers, rows = comparison_chart(results)
    comments = requested_comment_page(prototype)
    return render_template(
        "prototypes/show.html", prototype=prototype, results=results, current=current, mine=mine,
        feedback_form=feedback_form, image_form=image_form or ImageForm(),
        comment_form=comment_form or CommentForm(), comments=comments, comparison_svg=svg,
        comparison_headers=headers, comparison_rows=rows, QuestionKind=QuestionKind,
    ), (400 if comments.error else status)  # fmt: skip


def comparison_chart(results):
    """The versions compared: a chart and the same figures as table headers and rows."""
    if len(results) < 2:
        return None, [], []
    labels, groups = comparison(results)
    named = [(name or _("Overall rating"), values) for name, values in groups]

    def one_decimal(value):
        return format_decimal(value, "#,##0.0")

    svg = grouped_bar_chart(
        labels, named, title=_("Average rating by version (out of 5)"), max_value=5,
        number_format=one_decimal,
    )  # fmt: skip
    headers = [_("Version"), _("Testers")] + [name for name, _values in named]
    oldest_first = list(reversed(results))
    rows = [
        [label, format_decimal(result.testers)]
        + [None if values[i] is None else one_decimal(values[i]) for _name, values in named]
        for i, (label, result) in enumerate(zip(labels, oldest_first, strict=True))
    ]
    return svg, headers, rows


@bp.route("/<int:prototype_id>")
def show(prototype_id):
    return render_prototype(get_prototype_or_404(prototype_id))


@bp.route("/<int:prototype_id>/edit", methods=["GET", "POST"])
@posting_limit
def edit(prototype_id):
    prototype = get_prototype_or_404(prototype_id)
    ensure(can_edit_prototype(current_user, prototype))
    form = PrototypeFields(obj=None if request.method == "POST" else prototype)
    if submit(form, services.update_prototype, current_user, prototype,
              **form.prototype_fields()).ok:  # fmt: skip
        flash(_("The prototype is updated."), "success")
        return back_to(prototype)
    page = render_template("prototypes/edit.html", form=form, prototype=prototype)
    return page, form_status(form)


@bp.route("/<int:prototype_id>/publish", methods=["POST"])
def publish(prototype_id):
    prototype = get_prototype_or_404(prototype_id)
    ensure(can_publish_prototype(current_user, prototype))
    services.publish_prototype(current_user, prototype)
    flash(_("The prototype is published: citizens can test it."), "success")
    return back_to(prototype)


@bp.route("/<int:prototype_id>/close", methods=["POST"])
def close(prototype_id):
    prototype = get_prototype_or_404(prototype_id)
    ensure(can_close_prototype(current_user, prototype))
    services.close_prototype(current_user, prototype)
    flash(_("The prototype is closed: it no longer collects feedback."), "success")
    return back_to(prototype)


@bp.route("/<int:prototype_id>/versions/new", methods=["GET", "POST"])
@posting_limit
def new_version(prototype_id):
    prototype = get_prototype_or_404(prototype_id)
    ensure(can_add_version(current_user, prototype))
    data = None
    if request.method == "GET":
        data = questions_data(queries.questions_of(queries.latest_version(prototype)))
    form = VersionForm(data=data)
    sent = submit(form, services.add_version, current_user, prototype, **form.version_fields())
    if sent.ok:
        flash(_("Version %(n)s is published.", n=sent.result.number), "success")
        return back_to(prototype)
    page = render_template("prototypes/version_new.html", form=form, prototype=prototype)
    return page, form_status(form)


@bp.route("/<int:prototype_id>/feedback", methods=["POST"])
@posting_limit
def feedback(prototype_id):
    prototype = get_prototype_or_404(prototype_id)
    ensure(can_give_feedback(current_user, prototype), NOT_COLLECTING)
    form = FeedbackForm()
    if submit(form, give_feedback, current_user, prototype, **form.feedback_fields()).ok:
        flash(_("Thank you! Your feedback is recorded."), "success")
        return back_to(prototype, "#results")
    return render_prototype(prototype, feedback_form=form, status=400)


@bp.route("/<int:prototype_id>/images", methods=["POST"])
def add_image(prototype_id):
    prototype = get_prototype_or_404(prototype_id)
    ensure(can_add_image(current_user, prototype))
    form = ImageForm()
    if submit(form, storage.store_image, current_user, prototype, form.image.data,
              form.alt_text.data).ok:  # fmt: skip
        flash(_("The image is added."), "success")
        return back_to(prototype)
    return render_prototype(prototype, image_form=form, status=400)


@bp.route("/images/<int:image_id>/delete", methods=["POST"])
def delete_image_route(image_id):
    found = storage.find_image(image_id) or abort(404)
    prototype = get_prototype_or_404(found.prototype_id)
    ensure(can_delete_image(current_user, prototype))
    storage.remove_image(current_user, prototype, found.image)
    flash(_("The image is removed."), "success")
    return back_to(prototype)


@bp.route("/<int:prototype_id>/comments", methods=["POST"])
@posting_limit
def comment(prototype_id):
    prototype = get_prototype_or_404(prototype_id)
    return handle_comment_form(prototype, lambda **kw: render_prototype(prototype, **kw))
