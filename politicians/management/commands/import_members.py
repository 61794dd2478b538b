from politicians.management.member_lists import MemberListCommand
from politicians.services import members_import


class Command(MemberListCommand):
    help = (
        "Add or update members of a legislature from a CSV with the columns "
        "name,party,constituency,mnis_id (optional: role, bench, house, sort_name). "
        "Members are matched on member id, then name. Any bad row stops the whole import: "
        "nothing is written, and every problem is listed by row (the header is row 1) and field."
    )
    service = members_import
