from django.urls import path

from innochallenge.demands import views, views_files

app_name = "demands"

urlpatterns = [
    path("", views.demand_list, name="list"),
    path("new/", views.demand_new, name="new"),
    path("new/from-word/", views_files.from_word, name="from-word"),
    path("<int:demand_id>/", views.demand_detail, name="detail"),
    path("<int:demand_id>/edit/", views.demand_edit, name="edit"),
    path("<int:demand_id>/done/", views.demand_done, name="done"),
    path("<int:demand_id>/submit/", views.demand_submit, name="submit"),
    path("<int:demand_id>/withdraw/", views.demand_withdraw, name="withdraw"),
    path("leading/", views.leading_list, name="leading"),
    path("leading/declare/", views.leading_declare, name="leading-declare"),
    path("leading/<int:declaration_id>/decide/", views.leading_decide, name="leading-decide"),
    path("quota/<slug:slug>/", views.quota, name="quota"),
    path("qr/<slug:slug>/<slug:code>.svg", views.qr_svg, name="qr-svg"),
    path("import/", views_files.import_page, name="import"),
    path("export/", views_files.export_demands, name="export"),
    path("<int:demand_id>/form.docx", views_files.export_one, name="export-one"),
    path("template.<str:fmt>", views_files.blank_template, name="template"),
    path("poster/<slug:slug>/<slug:code>/", views.poster, name="poster"),
]
