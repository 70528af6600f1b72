from django.urls import path

from .views.my_learning import my_learning

app_name = "cms"

urlpatterns = [
    path("", my_learning, name="my-learning"),
]
