from django.urls import path

from .views.my_learning import my_learning, role_home

app_name = "cms"

urlpatterns = [
    path("", my_learning, name="my-learning"),
    path("home/", role_home, name="role-home"),
]
