"""Forms for preparing experiments, changing their capacity and publishing their results."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import InputRequired, ValidationError

from platform.experiments.models import Method
from platform.experiments.services import INVOLVEMENT_MAX, LOCATION_MAX, TEXT_MAX, TITLE_MAX
from platform.forms import ChoiceField, LocalDateTimeField, max_length, options, required, strip


class WholeNumber(StringField):
    def process_formdata(self, valuelist):
        self.data = valuelist[0].strip() if valuelist else None


class ExperimentForm(FlaskForm):
    method = ChoiceField(
        _l("Method"),
        choices=options((m.value, m.label) for m in Method),
        description=_l("Which design-thinking method this experiment serves."),
    )
    title = StringField(
        _l("Title"),
        validators=[required(_l("Give the experiment a title.")), max_length(TITLE_MAX)],
        filters=[strip],
        render_kw={"maxlength": TITLE_MAX},
    )
    description = TextAreaField(
        _l("Description"),
        validators=[required(_l("Describe the experiment.")), max_length(TEXT_MAX)],
        filters=[strip],
        description=_l("What the lab wants to learn, and how. Markdown is accepted."),
        render_kw={"rows": 6},
    )
    involvement = TextAreaField(
        _l("What taking part involves"),
        validators=[required(_l("Say what taking part involves.")), max_length(INVOLVEMENT_MAX)],
        filters=[strip],
        description=_l("Duration, what to bring, accessibility of the place, compensation."),
        render_kw={"rows": 3},
    )
    location = StringField(
        _l("Place"),
        validators=[
            required(_l("Give the place, or the link for an online experiment.")),
            max_length(LOCATION_MAX),
        ],
        filters=[strip],
        description=_l("An address, or the link for an online experiment."),
    )
    is_online = BooleanField(_l("Online"))
    # InputRequired, not DataRequired: a date that cannot be read keeps its own message.
    starts_at = LocalDateTimeField(
        _l("Start"), validators=[InputRequired(_l("Give the start and the end."))]
    )
    ends_at = LocalDateTimeField(
        _l("End"), validators=[InputRequired(_l("Give the start and the end."))]
    )
    capacity = WholeNumber(
        _l("Number of places"),
        validators=[required(_l("The number of places is a whole number from 0 to 10,000."))],
        render_kw={"inputmode": "numeric"},
    )
    prototype_version_id = ChoiceField(_l("Prototype version tested"), coerce=int)

    def __init__(self, *args, versions=(), **kwargs):
        """`versions`: (id, number, prototype's title) of the versions it may test."""
        super().__init__(*args, **kwargs)
        self.prototype_version_id.choices = options(
            [(0, _l("None"))]
            + [
                (version_id, _l("%(title)s, version %(n)s", title=title, n=number))
                for version_id, number, title in versions
            ]
        )

    @staticmethod
    def data_of(experiment):
        """The form's values for changing `experiment`."""
        return {
            "method": experiment.method,
            "title": experiment.title,
            "description": experiment.description,
            "involvement": experiment.involvement,
            "location": experiment.location,
            "is_online": experiment.is_online,
            "starts_at": experiment.starts_at,
            "ends_at": experiment.ends_at,
            "capacity": str(experiment.capacity),
            "prototype_version_id": experiment.prototype_version_id or 0,
        }

    def experiment_fields(self):
        """What was sent, as the services `create_experiment` and `update_experiment` take it."""
        return {
            "method": self.method.data,
            "title": self.title.data,
            "description": self.description.data,
            "involvement": self.involvement.data,
            "location": self.location.data,
            "is_online": self.is_online.data,
            "starts_at": self.starts_at.data,
            "ends_at": self.ends_at.data,
            "capacity": self.capacity.data,
            "prototype_version_id": self.prototype_version_id.data or None,
        }

    def validate_ends_at(self, field):
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The end must come after the start."))


class CapacityForm(FlaskForm):
    capacity = WholeNumber(
        _l("Number of places"),
        validators=[required(_l("The number of places is a whole number from 0 to 10,000."))],
        description=_l(
            "More places go to the waiting list first. Fewer places remove nobody who is signed up."
        ),
        render_kw={"inputmode": "numeric"},
    )


class ResultsForm(FlaskForm):
    results = TextAreaField(
        _l("Results"),
        validators=[required(_l("Write the results.")), max_length(TEXT_MAX)],
        filters=[strip],
        description=_l(
            "What the lab learned, with figures if you have them. Markdown is accepted. "
            "Participants are told when the results are published."
        ),
        render_kw={"rows": 10},
    )
