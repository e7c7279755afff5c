"""InnoChallenge: run technology-demand innovation challenges end to end."""
