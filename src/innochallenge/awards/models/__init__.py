from innochallenge.awards.models.prizes import Winner

__all__ = ["Winner"]
