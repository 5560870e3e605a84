"""Pages of prototypes: list, publish, show with results, versions, feedback, images."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user

from platform.charts import grouped_bar_chart
from platform.comments.forms import CommentForm
from platform.comments.routes import handle_comment_form, requested_comment_page
from platform.extensions import db
from platform.forms import add_error
from platform.ideas.pages import problem_named_in_query
from platform.images import ImageError, delete_image, save_image
from platform.limits import posting_limit
from platform.permissions import ensure, register_predicates
from platform.prototypes import bp, services
from platform.prototypes.forms import (
    FeedbackForm,
    ImageForm,
    PrototypeFields,
    PrototypeForm,
    VersionForm,
)
from platform.prototypes.models import PrototypeImage, PrototypeVersion, QuestionKind
from platform.prototypes.permissions import (
    can_add_version,
    can_close_prototype,
    can_create_prototype,
    can_edit_prototype,
    can_give_feedback,
    can_publish_prototype,
    can_see_drafts,
    can_view_prototype,
)

register_predicates(
    bp,
    can_add_version,
    can_close_prototype,
    can_create_prototype,
    can_edit_prototype,
    can_give_feedback,
    can_publish_prototype,
    can_see_drafts,
)


def get_prototype_or_404(prototype_id):
    prototype = services.load_prototype(prototype_id)
    if prototype is None or prototype.is_hidden or not can_view_prototype(current_user, prototype):
        abort(404)
    return prototype


def submitted_questions(form):
    return [(entry.form.text.data, entry.form.kind.data) for entry in form.questions]


@bp.route("/")
def index():
    page = db.paginate(
        services.list_query(current_user),
        per_page=current_app.config["ITEMS_PER_PAGE"],
        error_out=False,
    )
    return render_template("prototypes/index.html", page=page)


@bp.route("/new", methods=["GET", "POST"])
@posting_limit
def new():
    problem = problem_named_in_query()
    ensure(can_create_prototype(current_user, problem))
    form = PrototypeForm()
    if form.validate_on_submit():
        try:
            prototype = services.create_prototype(
                current_user,
                problem,
                title=form.title.data,
                summary=form.summary.data,
                description=form.description.data,
                questions=submitted_questions(form),
            )
            if request.form.get("action") == "publish":
                services.publish_prototype(current_user, prototype)
        except services.PrototypeError as error:
            add_error(form, error.field, error.message)
        else:
            if request.form.get("action") == "publish":
                flash(_("The prototype is published: citizens can test it."), "success")
            else:
                flash(_("The prototype is saved as a draft, seen by the lab only."), "success")
            return redirect(url_for("prototypes.show", prototype_id=prototype.id))
    return render_template("prototypes/new.html", form=form, problem=problem), (
        400 if form.errors else 200
    )


def render_prototype(prototype, *, feedback_form=None, image_form=None, comment_form=None,
                     status=200):  # fmt: skip
    results = services.results_of(prototype)
    current = results[0]
    mine = services.feedback_of(current_user, current.version)
    if feedback_form is None:
        feedback_form = FeedbackForm(
            data={"rating": mine.rating, "comment": mine.comment} if mine else None
        )
        feedback_form.answers = mine.answers if mine else {}
    svg, headers, rows = comparison_chart(results)
    comments = requested_comment_page(prototype)
    return render_template(
        "prototypes/show.html",
        prototype=prototype,
        results=results,
        current=current,
        mine=mine,
        feedback_form=feedback_form,
        image_form=image_form or ImageForm(),
        comment_form=comment_form or CommentForm(),
        comments=comments,
        comparison_svg=svg,
        comparison_headers=headers,
        comparison_rows=rows,
        QuestionKind=QuestionKind,
    ), (400 if comments.error else status)


def comparison_chart(results):
    """The versions compared: a chart and the same figures as table headers and rows."""
    if len(results) < 2:
        return None, [], []
    labels, groups = services.comparison(results)
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
    if form.validate_on_submit():
        try:
            services.update_prototype(
                current_user,
                prototype,
                title=form.title.data,
                summary=form.summary.data,
                description=form.description.data,
            )
        except services.PrototypeError as error:
            add_error(form, error.field, error.message)
        else:
            flash(_("The prototype is updated."), "success")
            return redirect(url_for("prototypes.show", prototype_id=prototype.id))
    return render_template("prototypes/edit.html", form=form, prototype=prototype), (
        400 if form.errors else 200
    )


@bp.route("/<int:prototype_id>/publish", methods=["POST"])
def publish(prototype_id):
    prototype = get_prototype_or_404(prototype_id)
    ensure(can_publish_prototype(current_user, prototype))
    services.publish_prototype(current_user, prototype)
    flash(_("The prototype is published: citizens can test it."), "success")
    return redirect(url_for("prototypes.show", prototype_id=prototype.id))


@bp.route("/<int:prototype_id>/close", methods=["POST"])
def close(prototype_id):
    prototype = get_prototype_or_404(prototype_id)
    ensure(can_close_prototype(current_user, prototype))
    services.close_prototype(current_user, prototype)
    flash(_("The prototype is closed: it no longer collects feedback."), "success")
    return redirect(url_for("prototypes.show", prototype_id=prototype.id))


@bp.route("/<int:prototype_id>/versions/new", methods=["GET", "POST"])
@posting_limit
def new_version(prototype_id):
    prototype = get_prototype_or_404(prototype_id)
    ensure(can_add_version(current_user, prototype))
    data = None
    if request.method == "GET":
        previous = services.questions_of(services.latest_version(prototype))
        data = {"questions": [{"text": q.text, "kind": q.kind.value} for q in previous]}
    form = VersionForm(data=data)
    if form.validate_on_submit():
        try:
            version = services.add_version(
                current_user,
                prototype,
                changes=form.changes.data,
                questions=submitted_questions(form),
            )
        except services.PrototypeError as error:
            add_error(form, error.field, error.message)
        else:
            flash(_("Version %(n)s is published.", n=version.number), "success")
            return redirect(url_for("prototypes.show", prototype_id=prototype.id))
    return render_template("prototypes/version_new.html", form=form, prototype=prototype), (
        400 if form.errors else 200
    )


def submitted_answers():
    """Answers sent as q-<question id>; a malformed name is an unknown question."""
    answers = {}
    for name, value in request.form.items():
        if name.startswith("q-"):
            number = name[2:]
            answers[int(number) if number.isdigit() else -1] = value
    return answers


@bp.route("/<int:prototype_id>/feedback", methods=["POST"])
@posting_limit
def feedback(prototype_id):
    prototype = get_prototype_or_404(prototype_id)
    ensure(can_give_feedback(current_user, prototype), services.NOT_COLLECTING)
    form = FeedbackForm()
    answers = submitted_answers()
    if form.validate_on_submit():
        try:
            services.give_feedback(
                current_user,
                prototype,
                rating=form.rating.data,
                answers=answers,
                comment=form.comment.data,
            )
        except services.PrototypeError as error:
            add_error(form, error.field if error.field in ("rating", "comment") else None,
                      error.message)  # fmt: skip
        else:
            flash(_("Thank you! Your feedback is recorded."), "success")
            return redirect(url_for("prototypes.show", prototype_id=prototype.id) + "#results")
    form.answers = answers
    return render_prototype(prototype, feedback_form=form, status=400)


@bp.route("/<int:prototype_id>/images", methods=["POST"])
def add_image(prototype_id):
    prototype = get_prototype_or_404(prototype_id)
    ensure(can_edit_prototype(current_user, prototype))
    form = ImageForm()
    if form.validate_on_submit():
        try:
            stored = save_image(form.image.data)
        except ImageError as error:
            form.image.errors.append(error.message)
        else:
            try:
                services.add_image(current_user, prototype, stored, form.alt_text.data)
            except services.PrototypeError as error:
                delete_image(stored.filename)
                add_error(form, error.field, error.message)
            else:
                flash(_("The image is added."), "success")
                return redirect(url_for("prototypes.show", prototype_id=prototype.id))
    return render_prototype(prototype, image_form=form, status=400)


@bp.route("/images/<int:image_id>/delete", methods=["POST"])
def delete_image_route(image_id):
    image = db.session.get(PrototypeImage, image_id) or abort(404)
    version = db.session.get(PrototypeVersion, image.version_id)
    prototype = get_prototype_or_404(version.prototype_id)
    ensure(can_edit_prototype(current_user, prototype))
    db.session.delete(image)
    db.session.flush()
    delete_image(image.filename)
    flash(_("The image is removed."), "success")
    return redirect(url_for("prototypes.show", prototype_id=prototype.id))


@bp.route("/<int:prototype_id>/comments", methods=["POST"])
@posting_limit
def comment(prototype_id):
    prototype = get_prototype_or_404(prototype_id)
    return handle_comment_form(prototype, lambda **kw: render_prototype(prototype, **kw))
