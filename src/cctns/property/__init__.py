"""Vehicles, firearms, mobile phones and other property: stolen/lost, seized/recovered, returned; checks against theft reports."""
