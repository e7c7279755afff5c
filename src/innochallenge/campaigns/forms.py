import yaml
from django import forms
from django.utils.translation import gettext_lazy as _

from innochallenge.campaigns import preset as presets
from innochallenge.campaigns.models import Liaison
from innochallenge.core.forms import Form, ModelForm

MAX_PRESET_BYTES = 1_000_000


class LiaisonForm(ModelForm):
    class Meta:
        model = Liaison
        fields = ["name", "title", "office_phone", "mobile", "wechat", "qq"]


class PresetUploadForm(Form):
    file = forms.FileField(label=_("Preset file (.yaml or .json)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_PRESET_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB; a preset is much smaller."))
        try:
            data = yaml.safe_load(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, yaml.YAMLError) as exc:
            raise forms.ValidationError(_("This is not a readable YAML or JSON file.")) from exc
        try:
            preset = presets.validate(data)
        except presets.PresetError as exc:
            raise forms.ValidationError(exc.problems) from exc
        # The job gets plain JSON (dates as strings) and validates it again when it runs.
        return preset.model_dump(mode="json")
