from django.urls import path

from .views import (
    accounts,
    api_tokens,
    districts,
    members,
    municipalities,
    public,
    staff,
)

app_name = "core"

# Account pages come before ``<slug:municipality>/``: their slugs are reserved.
account_patterns = [
    path("anmelden/", accounts.LoginView.as_view(), name="login"),
    path("anmelden/code/", accounts.login_code, name="login_code"),
    path("anmelden/einrichten/", accounts.login_enrol, name="login_enrol"),
    path("abmelden/", accounts.LogoutView.as_view(), name="logout"),
    path("passwort-vergessen/", accounts.password_reset, name="password_reset"),
    path(
        "passwort-vergessen/gesendet/",
        accounts.password_reset_done,
        name="password_reset_done",
    ),
    path(
        "passwort-neu/<uidb64>/<token>/",
        accounts.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "passwort-neu/fertig/",
        accounts.password_reset_complete,
        name="password_reset_complete",
    ),
    path("konto/", accounts.account, name="account"),
    path("konto/passwort/", accounts.password_change, name="password_change"),
    path(
        "konto/passwort/geaendert/",
        accounts.password_change_done,
        name="password_change_done",
    ),
    path("konto/zwei-faktor/", accounts.totp_setup, name="totp_setup"),
    path("konto/zwei-faktor/ausschalten/", accounts.totp_disable, name="totp_disable"),
    path(
        "konto/api-token/neu/",
        api_tokens.api_token_create,
        name="api_token_create",
    ),
    path(
        "konto/api-token/<int:token_id>/widerrufen/",
        api_tokens.api_token_revoke,
        name="api_token_revoke",
    ),
    path(
        "kommunen/neu/",
        municipalities.municipality_create_view,
        name="municipality_create",
    ),
]

staff_patterns = [
    path("<slug:municipality>/intern/", staff.dashboard, name="staff_dashboard"),
    path(
        "<slug:municipality>/intern/traeger/",
        staff.organisation_list,
        name="staff_organisation_list",
    ),
    path(
        "<slug:municipality>/intern/traeger/neu/",
        staff.organisation_create,
        name="staff_organisation_create",
    ),
    path(
        "<slug:municipality>/intern/traeger/<int:organisation_id>/bearbeiten/",
        staff.organisation_update,
        name="staff_organisation_update",
    ),
    path(
        "<slug:municipality>/intern/traeger/<int:organisation_id>/loeschen/",
        staff.organisation_delete,
        name="staff_organisation_delete",
    ),
    path(
        "<slug:municipality>/intern/bezirke/",
        staff.district_list,
        name="staff_district_list",
    ),
    path(
        "<slug:municipality>/intern/bezirke/import/",
        districts.district_import_view,
        name="staff_district_import",
    ),
    path(
        "<slug:municipality>/intern/protokoll/",
        staff.audit_list,
        name="staff_audit_list",
    ),
    path(
        "<slug:municipality>/intern/protokoll/<int:entry_id>/",
        staff.audit_detail,
        name="staff_audit_detail",
    ),
    path(
        "<slug:municipality>/intern/mitglieder/",
        staff.membership_list,
        name="staff_membership_list",
    ),
    path(
        "<slug:municipality>/intern/mitglieder/einladen/",
        members.member_invite,
        name="staff_member_invite",
    ),
    path(
        "<slug:municipality>/intern/mitglieder/<int:membership_id>/entfernen/",
        members.membership_remove,
        name="staff_membership_remove",
    ),
]

urlpatterns = [
    path("", public.home, name="home"),
    *account_patterns,
    path("<slug:municipality>/", public.municipality_start, name="municipality"),
    *staff_patterns,
]
