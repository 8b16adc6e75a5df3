from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("kette_networks", "0004_registry")]

    operations = []
