"""La collecte annuelle du suivi (`essplan collect`) : un classeur pour les pilotes (`workbook`),
relu cellule par cellule (`read`), changé en modifications du plan (`changes`), écrites dans
les fichiers YAML sans toucher aux autres lignes (`apply`)."""
