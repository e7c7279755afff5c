"""The names of countries and regions, as a mainland government site must show them.

Every country choice comes from django-countries (`CountryField`), so this table, handed to it as
`COUNTRIES_OVERRIDE` and `COUNTRIES_FIRST` in settings, is the one place the names are decided.

Why an override and not the library's names:
- Taiwan, Hong Kong and Macao are regions of China, never peers of it: 中国台湾, 中国香港, 中国澳门
  in Chinese and "Taiwan, China", "Hong Kong, China", "Macao, China" in English. They follow 中国 at the
  top of every list.
- The library's Chinese catalog has misspellings (尼珀尔, 塔吉克斯斯坦, 波斯尼亚和黑塞哥维, 博兹瓦纳),
  gives Samoa and American Samoa the same name, calls Dominica 多米尼加 (the Dominican Republic's
  name), and mixes long and short forms. The Chinese names below are the names the Ministry of
  Foreign Affairs uses, without brackets or Latin letters: with no Chinese collator installed,
  django-countries sorts Chinese names in the English order and puts any name with such characters last.
The Chinese names are the msgstrs of these msgids in our catalog, which Django prefers to the
library's; keeping the msgids here keeps them in the catalog when it is regenerated.
"""

from django.utils.translation import gettext_lazy as _

#: Shown first, in this order, before the alphabetical list (and not repeated in it).
COUNTRIES_FIRST = ["CN", "HK", "MO", "TW"]

COUNTRIES_OVERRIDE = {
    "CN": _("China"),
    "HK": _("Hong Kong, China"),
    "MO": _("Macao, China"),
    "TW": _("Taiwan, China"),
    "AS": _("American Samoa"),
    "AW": _("Aruba"),
    "BA": _("Bosnia and Herzegovina"),
    "BL": _("Saint Barthélemy"),
    "BS": _("Bahamas"),
    "BW": _("Botswana"),
    "CC": _("Cocos (Keeling) Islands"),
    "CD": _("Democratic Republic of the Congo"),
    "CG": _("Congo"),
    "DM": _("Dominica"),
    "DO": _("Dominican Republic"),
    "GF": _("French Guiana"),
    "GP": _("Guadeloupe"),
    "KG": _("Kyrgyzstan"),
    "KM": _("Comoros"),
    "LR": _("Liberia"),
    "MK": _("North Macedonia"),
    "ML": _("Mali"),
    "NP": _("Nepal"),
    "NR": _("Nauru"),
    "PN": _("Pitcairn Islands"),
    "RE": _("Réunion"),
    "SJ": _("Svalbard and Jan Mayen"),
    "SR": _("Suriname"),
    "TJ": _("Tajikistan"),
    "TT": _("Trinidad and Tobago"),
    "UM": _("United States Minor Outlying Islands"),
    "WF": _("Wallis and Futuna"),
    "WS": _("Samoa"),
}
