from django.urls import path

from innochallenge.contracts import views

app_name = "contracts"
urlpatterns = [
    path("contracts/", views.contract_list, name="contracts"),
    path("contracts/new/", views.new_contract, name="new-contract"),
    path("contracts/<int:contract_id>/", views.contract_detail, name="contract"),
    path("contracts/<int:contract_id>/payments/", views.add_payment, name="add-payment"),
    path(
        "contracts/<int:contract_id>/payments/<int:payment_id>/evidence/",
        views.add_evidence,
        name="add-evidence",
    ),
    path("contracts/<int:contract_id>/evidence/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path("contracts/<int:contract_id>/subsidy/", views.apply_subsidy, name="apply-subsidy"),
    path("subsidies/", views.subsidy_list, name="subsidies"),
    path("subsidies/<int:application_id>/state/", views.subsidy_state, name="subsidy-state"),
    path("subsidies/approved.xlsx", views.approved_subsidies_xlsx, name="subsidies-xlsx"),
]
