from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("kette_networks", "0001_initial")]

    operations = []
