"""Form helpers shared by the browser tests."""

SIGN_UP_LABELS = {
    "en": ("Email", "Password", "Password (again)", "I have read the privacy"),
    "nl": ("E-mail", "Wachtwoord", "Wachtwoord (bevestigen)", "Ik heb de privacy"),
}


def fill_sign_up(page, language, email, password, consent=True):
    email_label, password_label, again_label, consent_label = SIGN_UP_LABELS[language]
    page.goto(f"/{language}/accounts/signup/")
    page.get_by_label(email_label).fill(email)
    page.get_by_label(password_label, exact=True).fill(password)
    page.get_by_label(again_label).fill(password)
    if consent:
        page.get_by_label(consent_label).check()
