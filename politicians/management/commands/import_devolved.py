from politicians.management.member_lists import MemberListCommand
from politicians.services import devolved_import


class Command(MemberListCommand):
    help = (
        "Add or update the members of the Scottish Parliament, the Senedd and the Northern "
        "Ireland Assembly from a CSV with the header "
        "name,legislature,party,constituency_or_region,source (legislature "
        "scottish-parliament, senedd or ni-assembly). Members are matched on name within their "
        "legislature. Any bad row stops the whole import: nothing is written."
    )
    service = devolved_import
