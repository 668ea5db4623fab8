"""Date and number formats where Django's defaults do not suit Praksis's readers
(``FORMAT_MODULE_PATH``)."""
