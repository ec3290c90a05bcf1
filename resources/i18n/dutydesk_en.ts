<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>AccountHealthDialog</name>
    <message>
        <source>Tình trạng đồng bộ các tài khoản</source>
        <translation>Account sync status</translation>
    </message>
    <message>
        <source>Tài khoản</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Đồng bộ gần nhất</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <source>Chi tiết</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Cách xử lý</source>
        <translation>What to do</translation>
    </message>
    <message>
        <source>Đã tắt</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>Mã truy cập được giữ trong kho khoá của hệ điều hành, không bao giờ hiện ở đây.</source>
        <translation>Access tokens are kept in the operating system&apos;s keyring and are never shown here.</translation>
    </message>
</context>
<context>
    <name>AdminWindow</name>
    <message>
        <source>DutyDesk — Quản trị</source>
        <translation>DutyDesk — Administration</translation>
    </message>
    <message>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation>Officers</translation>
    </message>
    <message>
        <source>Giao việc tự động</source>
        <translation>Auto-assignment</translation>
    </message>
    <message>
        <source>Thời hạn xử lý</source>
        <translation>SLA targets</translation>
    </message>
    <message>
        <source>Duyệt trả lời</source>
        <translation>Reply approval</translation>
    </message>
    <message>
        <source>Cán bộ, quy tắc giao việc và chỉ tiêu thời gian xử lý.</source>
        <translation>Officers, assignment rules and SLA targets.</translation>
    </message>
</context>
<context>
    <name>ApprovalQueueView</name>
    <message>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Vụ việc</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Phân loại</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Cán bộ viết</source>
        <translation>Written by</translation>
    </message>
    <message>
        <source>Kiểu</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Viết lúc</source>
        <translation>Written at</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Chọn một trả lời để đọc toàn văn.</source>
        <translation>Select a reply to read it in full.</translation>
    </message>
    <message>
        <source>Lý do từ chối (bắt buộc khi từ chối)</source>
        <translation>Reason for rejecting (required to reject)</translation>
    </message>
    <message>
        <source>Mở vụ việc</source>
        <translation>Open case</translation>
    </message>
    <message>
        <source>Duyệt và gửi</source>
        <translation>Approve and send</translation>
    </message>
    <message>
        <source>Từ chối</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>Không tải được danh sách: {e}</source>
        <translation>Could not load the list: {e}</translation>
    </message>
    <message>
        <source>⚠ {case}</source>
        <translation>⚠ {case}</translation>
    </message>
    <message>
        <source>Trả lời chờ lãnh đạo ca duyệt: {n}</source>
        <translation>Replies waiting for the shift leader&apos;s approval: {n}</translation>
    </message>
    <message>
        <source>Đã duyệt trả lời vụ việc #{id}: đang gửi.</source>
        <translation>Approved the reply on case #{id}: sending.</translation>
    </message>
    <message>
        <source>Đã từ chối trả lời vụ việc #{id}; cán bộ sẽ thấy lý do.</source>
        <translation>Rejected the reply on case #{id}; the officer will see the reason.</translation>
    </message>
</context>
<context>
    <name>AssignmentPane</name>
    <message>
        <source>Giao việc</source>
        <translation>Assignment</translation>
    </message>
    <message>
        <source>Cán bộ xử lý</source>
        <translation>Assigned officer</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Ưu tiên</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>— Chưa giao —</source>
        <translation>— Unassigned —</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <source>Nhật ký kiểm toán</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Mọi thao tác</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Kiểm tra chuỗi</source>
        <translation>Verify chain</translation>
    </message>
    <message>
        <source>Mã</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Thao tác</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Đối tượng</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Chi tiết</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Tải thêm (cũ hơn)</source>
        <translation>Load more (older)</translation>
    </message>
    <message>
        <source>Thao tác:</source>
        <translation>Action:</translation>
    </message>
    <message>
        <source>{n} sự kiện đang hiển thị</source>
        <translation>{n} events shown</translation>
    </message>
    <message>
        <source>(hệ thống)</source>
        <translation>(system)</translation>
    </message>
    <message>
        <source>Vụ việc</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Bàn giao</source>
        <translation>Handover</translation>
    </message>
    <message>
        <source>Ca trực</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Tài khoản trang</source>
        <translation>Page account</translation>
    </message>
    <message>
        <source>Nhật ký</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Xuất dữ liệu</source>
        <translation>Data export</translation>
    </message>
    <message>
        <source>Đang kiểm tra chuỗi…</source>
        <translation>Verifying the chain…</translation>
    </message>
    <message>
        <source>✔ Chuỗi nhật ký nguyên vẹn: {n} sự kiện, mã băm cuối {head}…</source>
        <translation>✔ Log chain intact: {n} events, last hash {head}…</translation>
    </message>
    <message>
        <source>✘ CHUỖI NHẬT KÝ BỊ PHÁ VỠ tại sự kiện #{id} ({reason}). Báo ngay cho lãnh đạo và quản trị; giữ nguyên tệp dữ liệu.</source>
        <translation>✘ LOG CHAIN BROKEN at event #{id} ({reason}). Tell the leadership and the administrator at once; leave the data file untouched.</translation>
    </message>
</context>
<context>
    <name>CampaignBar</name>
    <message>
        <source>Xem các vụ</source>
        <translation>Show cases</translation>
    </message>
    <message>
        <source>Ẩn tất cả…</source>
        <translation>Hide all…</translation>
    </message>
    <message>
        <source>⧉ Chiến dịch phối hợp: cùng nội dung trên {accounts} trang, {items} mục, từ {first} đến {last} — «{sample}»</source>
        <translation>⧉ Coordinated campaign: the same text on {accounts} pages, {items} items, from {first} to {last} — «{sample}»</translation>
    </message>
    <message>
        <source>Đã xếp {n} lệnh ẩn vào hộp gửi (bằng chứng đã lưu).</source>
        <translation>{n} hide actions queued in the outbox (evidence kept).</translation>
    </message>
    <message>
        <source>Ẩn cả chiến dịch</source>
        <translation>Hide the whole campaign</translation>
    </message>
    <message>
        <source>Ẩn mọi bình luận còn hiện của chiến dịch này trên {accounts} trang? Nội dung đã được lưu làm bằng chứng; có thể bỏ ẩn từng bình luận sau.</source>
        <translation>Hide every still-visible comment of this campaign on {accounts} pages? The texts are kept as evidence; each comment can be unhidden later.</translation>
    </message>
</context>
<context>
    <name>CampaignCasesDialog</name>
    <message>
        <source>Các vụ của chiến dịch</source>
        <translation>The campaign&apos;s cases</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <source>Chọn một vụ việc trong hộp thư</source>
        <translation>Select a case in the inbox</translation>
    </message>
    <message>
        <source>Xem thông tin người báo tin (ghi nhật ký)</source>
        <translation>Show the informant&apos;s details (logged)</translation>
    </message>
    <message>
        <source>Vụ việc #{id} — đang tải…</source>
        <translation>Case #{id} — loading…</translation>
    </message>
    <message>
        <source>Không được xem vụ việc này</source>
        <translation>You may not view this case</translation>
    </message>
    <message>
        <source>Không tải được vụ việc</source>
        <translation>The case could not be loaded</translation>
    </message>
    <message>
        <source>Không tải được vụ việc: {e}</source>
        <translation>The case could not be loaded: {e}</translation>
    </message>
    <message>
        <source>ưu tiên {p}</source>
        <translation>priority {p}</translation>
    </message>
    <message>
        <source>{n} mục</source>
        <translation>{n} items</translation>
    </message>
    <message>
        <source>⚠ KHẨN CẤP</source>
        <translation>⚠ URGENT</translation>
    </message>
    <message>
        <source>hạn {t}</source>
        <translation>due {t}</translation>
    </message>
    <message>
        <source>người dùng đã bị chặn</source>
        <translation>user blocked</translation>
    </message>
    <message>
        <source>🔒 thông tin cá nhân đã che</source>
        <translation>🔒 personal details masked</translation>
    </message>
    <message>
        <source>🔓 đang xem thông tin người báo tin</source>
        <translation>🔓 viewing the informant&apos;s details</translation>
    </message>
    <message>
        <source>Người khác vừa thay đổi vụ việc này: đã tải lại, hãy quyết định lại.</source>
        <translation>Someone else has just changed this case: it has been reloaded, please decide again.</translation>
    </message>
    <message>
        <source>Chưa chọn vụ việc nào.</source>
        <translation>No case selected.</translation>
    </message>
    <message>
        <source>Không thực hiện được: {e}</source>
        <translation>Could not be done: {e}</translation>
    </message>
    <message>
        <source>Vai trò của đồng chí không được chuyển đơn vị.</source>
        <translation>Your role may not forward cases to units.</translation>
    </message>
    <message>
        <source>Đồng chí đã chuyển sang vụ việc khác.</source>
        <translation>You have moved on to another case.</translation>
    </message>
    <message>
        <source>Đã chuyển vụ việc cho đơn vị; chờ kết quả.</source>
        <translation>Case forwarded to the unit; awaiting the result.</translation>
    </message>
    <message>
        <source>Đã ghi kết quả của đơn vị.</source>
        <translation>The unit&apos;s result has been recorded.</translation>
    </message>
    <message>
        <source>Đã lưu ghi chú nội bộ.</source>
        <translation>Internal note saved.</translation>
    </message>
    <message>
        <source>Đã nhắc {n} cán bộ.</source>
        <translation>Officers mentioned: {n}.</translation>
    </message>
    <message>
        <source>Không có cán bộ: {names}.</source>
        <translation>No such officer: {names}.</translation>
    </message>
    <message>
        <source>Đã gửi lãnh đạo ca duyệt: {kind}. Trả lời chỉ được gửi cho người dân sau khi được duyệt.</source>
        <translation>Sent to the shift leader for approval: {kind}. The reply goes to the citizen only once approved.</translation>
    </message>
    <message>
        <source>Đã đưa vào hàng gửi: {kind}. Trạng thái hiện ở “Thao tác gửi đi”.</source>
        <translation>Queued for sending: {kind}. Its status is shown under “Outgoing actions”.</translation>
    </message>
    <message>
        <source>Đã đưa vào hàng gửi: {kind}.</source>
        <translation>Queued for sending: {kind}.</translation>
    </message>
    <message>
        <source>Kênh này không cho thao tác đó.</source>
        <translation>This channel does not allow that action.</translation>
    </message>
    <message>
        <source>(không rõ)</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <source>Ẩn bình luận này trên Facebook?</source>
        <translation>Hide this comment on Facebook?</translation>
    </message>
    <message>
        <source>Hiện lại bình luận này trên Facebook?</source>
        <translation>Unhide this comment on Facebook?</translation>
    </message>
    <message>
        <source>Xoá bình luận này trên Facebook? Không thể hoàn tác trên nền tảng.</source>
        <translation>Delete this comment on Facebook? This cannot be undone on the platform.</translation>
    </message>
    <message>
        <source>Chặn {author} khỏi trang “{page}”? Người này sẽ không bình luận, nhắn tin cho trang được nữa.</source>
        <translation>Block {author} from the Page “{page}”? They will no longer be able to comment on or message the Page.</translation>
    </message>
    <message>
        <source>Nội dung, tác giả, thời gian và mã băm đã được lưu trong máy làm bằng chứng, kể cả khi nền tảng xoá.</source>
        <translation>The text, author, time and hash are kept on this computer as evidence, even if the platform deletes them.</translation>
    </message>
    <message>
        <source>Ẩn</source>
        <translation>Hide</translation>
    </message>
    <message>
        <source>Hiện lại</source>
        <translation>Unhide</translation>
    </message>
    <message>
        <source>Xoá</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Chặn</source>
        <translation>Block</translation>
    </message>
    <message>
        <source>Xác nhận: {what}</source>
        <translation>Confirm: {what}</translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Đã hiện thông tin người báo tin; việc xem đã được ghi nhật ký.</source>
        <translation>Informant details shown; this viewing has been logged.</translation>
    </message>
</context>
<context>
    <name>ClassificationBanner</name>
    <message>
        <source>CHỈ XỬ LÝ THÔNG TIN KHÔNG MẬT — không lưu, không nhập bí mật nhà nước trên máy kết nối Internet</source>
        <translation>UNCLASSIFIED INFORMATION ONLY — never store or enter state secrets on a computer connected to the Internet</translation>
    </message>
</context>
<context>
    <name>ClassificationPane</name>
    <message>
        <source>Phân loại</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Chưa phân loại</source>
        <translation>Not categorised</translation>
    </message>
    <message>
        <source>⚠ Khẩn cấp</source>
        <translation>⚠ Urgent</translation>
    </message>
    <message>
        <source>Dữ liệu cá nhân phát hiện được</source>
        <translation>Personal data found</translation>
    </message>
    <message>
        <source>Chưa phân loại — chọn 1–9</source>
        <translation>Not categorised — choose 1–9</translation>
    </message>
    <message>
        <source>{category} ({source})</source>
        <translation>{category} ({source})</translation>
    </message>
    <message>
        <source>mục {n}</source>
        <translation>item {n}</translation>
    </message>
    <message>
        <source>, ký tự {start}–{end}</source>
        <translation>, characters {start}–{end}</translation>
    </message>
    <message>
        <source>{kind}: {value} — {where}</source>
        <translation>{kind}: {value} — {where}</translation>
    </message>
    <message>
        <source>{kind}: {value} — mục {n}, ký tự {start}–{end}</source>
        <translation type="vanished">{kind}: {value} — item {n}, characters {start}–{end}</translation>
    </message>
    <message>
        <source>Không phát hiện</source>
        <translation>None found</translation>
    </message>
    <message>
        <source>Dữ liệu cá nhân phát hiện được ({n})</source>
        <translation>Personal data found ({n})</translation>
    </message>
</context>
<context>
    <name>DurationEdit</name>
    <message>
        <source> giờ</source>
        <translation> h</translation>
    </message>
    <message>
        <source> phút</source>
        <translation> min</translation>
    </message>
</context>
<context>
    <name>ForwardDialog</name>
    <message>
        <source>Chuyển đơn vị xử lý</source>
        <translation>Forward to a unit</translation>
    </message>
    <message>
        <source>+{n} giờ</source>
        <translation>+{n} h</translation>
    </message>
    <message>
        <source>Nội dung chỉ đạo: cần xác minh gì, báo cáo kết quả thế nào (văn bản thuần)…</source>
        <translation>Instructions: what to verify, how to report the result (plain text)…</translation>
    </message>
    <message>
        <source>Chuyển</source>
        <translation>Forward</translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Hạn báo cáo kết quả</source>
        <translation>Result due by</translation>
    </message>
    <message>
        <source>Đơn vị nhận</source>
        <translation>Receiving unit</translation>
    </message>
    <message>
        <source>Chỉ đạo</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <source>{name} (đơn vị hiện tại)</source>
        <translation>{name} (current unit)</translation>
    </message>
    <message>
        <source>Chọn đơn vị nhận (khác đơn vị hiện tại của vụ việc).</source>
        <translation>Choose a receiving unit (other than the case&apos;s current unit).</translation>
    </message>
    <message>
        <source>Hạn báo cáo phải ở tương lai.</source>
        <translation>The result deadline must be in the future.</translation>
    </message>
    <message>
        <source>Ghi nội dung chỉ đạo cho đơn vị nhận.</source>
        <translation>Write the instructions for the receiving unit.</translation>
    </message>
    <message>
        <source>Nội dung chỉ đạo dài quá {n} ký tự.</source>
        <translation>The instructions are longer than {n} characters.</translation>
    </message>
</context>
<context>
    <name>ForwardPane</name>
    <message>
        <source>Chuyển đơn vị</source>
        <translation>Forward to unit</translation>
    </message>
    <message>
        <source>Chuyển đơn vị…</source>
        <translation>Forward to unit…</translation>
    </message>
    <message>
        <source>Kết quả xác minh, xử lý của đơn vị (văn bản thuần)…</source>
        <translation>The unit&apos;s verification and handling result (plain text)…</translation>
    </message>
    <message>
        <source>Ghi kết quả</source>
        <translation>Record result</translation>
    </message>
    <message>
        <source>Ghi kết quả cho:</source>
        <translation>Record result for:</translation>
    </message>
    <message>
        <source>{unit} — hạn {when}</source>
        <translation>{unit} — due {when}</translation>
    </message>
    <message>
        <source>Chưa chuyển đơn vị nào.</source>
        <translation>Not forwarded to any unit.</translation>
    </message>
    <message>
        <source>Đang chờ {n} đơn vị báo kết quả; sớm nhất: {unit}, {due}</source>
        <translation>Units yet to report: {n}; earliest: {unit}, {due}</translation>
    </message>
    <message>
        <source>Các đơn vị đã báo kết quả ({n}).</source>
        <translation>All units have reported ({n}).</translation>
    </message>
    <message>
        <source>đã có kết quả</source>
        <translation>result received</translation>
    </message>
    <message>
        <source>→ {unit} · hạn {when} · {state}</source>
        <translation>→ {unit} · due {when} · {state}</translation>
    </message>
    <message>
        <source>Chuyển bởi {who} lúc {when}</source>
        <translation>Forwarded by {who} at {when}</translation>
    </message>
    <message>
        <source>Chỉ đạo: {text}</source>
        <translation>Instructions: {text}</translation>
    </message>
    <message>
        <source>(không ghi)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>, sau hạn</source>
        <translation>, late</translation>
    </message>
    <message>
        <source>Kết quả ({who}, {when}{late}): {text}</source>
        <translation>Result ({who}, {when}{late}): {text}</translation>
    </message>
    <message>
        <source>Đã báo cáo vượt cấp lúc {when}</source>
        <translation>Escalated at {when}</translation>
    </message>
    <message>
        <source>🔒 thông tin cá nhân đã che</source>
        <translation>🔒 personal details masked</translation>
    </message>
</context>
<context>
    <name>ForwardQueueView</name>
    <message>
        <source>Vụ việc chuyển đến đơn vị</source>
        <translation>Cases forwarded to units</translation>
    </message>
    <message>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Vụ việc</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Phân loại</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Từ đơn vị</source>
        <translation>From unit</translation>
    </message>
    <message>
        <source>Đơn vị nhận</source>
        <translation>Receiving unit</translation>
    </message>
    <message>
        <source>Hạn</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Chỉ đạo</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <source>Không tải được danh sách: {e}</source>
        <translation>The list could not be loaded: {e}</translation>
    </message>
    <message>
        <source>⚠ {case}</source>
        <translation>⚠ {case}</translation>
    </message>
    <message>
        <source>Vụ việc chuyển đến đơn vị: {n} đang chờ kết quả, {late} quá hạn</source>
        <translation>Cases forwarded to units: {n} awaiting a result, {late} overdue</translation>
    </message>
</context>
<context>
    <name>HandoverTab</name>
    <message>
        <source>Ghi chú bàn giao cho ca sau: việc đang dở, lưu ý (văn bản thuần)…</source>
        <translation>Handover note for the next shift: unfinished work, points to watch (plain text)…</translation>
    </message>
    <message>
        <source>Ký bàn giao ca</source>
        <translation>Sign shift handover</translation>
    </message>
    <message>
        <source>Lúc</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Người bàn giao</source>
        <translation>Handed over by</translation>
    </message>
    <message>
        <source>Người nhận</source>
        <translation>Accepted by</translation>
    </message>
    <message>
        <source>Lúc nhận</source>
        <translation>Accepted at</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Nhận bàn giao</source>
        <translation>Accept handover</translation>
    </message>
    <message>
        <source>Tóm tắt tự động (nếu ký bây giờ)</source>
        <translation>Automatic summary (if signed now)</translation>
    </message>
    <message>
        <source>Ghi chú của người bàn giao</source>
        <translation>Note from the outgoing officer</translation>
    </message>
    <message>
        <source>Các lần bàn giao gần đây</source>
        <translation>Recent handovers</translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo ca ký bàn giao.</source>
        <translation>Only shift leaders sign handovers.</translation>
    </message>
    <message>
        <source>(chưa nhận)</source>
        <translation>(not accepted)</translation>
    </message>
    <message>
        <source>Bàn giao lúc {t} — {who}</source>
        <translation>Handed over at {t} — {who}</translation>
    </message>
    <message>
        <source>Đã nhận lúc {t} — {who}</source>
        <translation>Accepted at {t} — {who}</translation>
    </message>
    <message>
        <source>Ghi chú:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>(không ghi)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Tóm tắt:</source>
        <translation>Summary:</translation>
    </message>
    <message>
        <source>Đã ký bàn giao ca; chờ ca sau nhận.</source>
        <translation>Shift handover signed; waiting for the next shift to accept it.</translation>
    </message>
    <message>
        <source>Đã nhận bàn giao ca của {who}.</source>
        <translation>Handover from {who} accepted.</translation>
    </message>
</context>
<context>
    <name>HealthBar</name>
    <message>
        <source>◌ Chưa kết nối</source>
        <translation>◌ Not connected</translation>
    </message>
    <message>
        <source>● Trực tuyến</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>○ MẤT KẾT NỐI từ {since}: làm việc trên dữ liệu đã lưu, thao tác được xếp hàng và tự gửi khi có mạng</source>
        <translation>○ OFFLINE since {since}: working on stored data; actions are queued and sent automatically when the network is back</translation>
    </message>
    <message>
        <source>Hộp gửi: {n} đang chờ</source>
        <translation>Outbox: {n} waiting</translation>
    </message>
    <message>
        <source>, {n} lỗi cần xử lý</source>
        <translation>, {n} failed and need attention</translation>
    </message>
    <message>
        <source>Tài khoản: {ok}/{n} ổn định</source>
        <translation>Accounts: {ok}/{n} healthy</translation>
    </message>
    <message>
        <source> — {n} cần xử lý</source>
        <translation> — {n} need attention</translation>
    </message>
</context>
<context>
    <name>InboxDelegate</name>
    <message>
        <source>‼ KHẨN</source>
        <translation>‼ URGENT</translation>
    </message>
    <message>
        <source>⚑ Chiến dịch</source>
        <translation>⚑ Campaign</translation>
    </message>
    <message>
        <source>Chưa giao</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>Đơn vị: {unit}</source>
        <translation>Unit: {unit}</translation>
    </message>
    <message>
        <source>Người gửi: {author}</source>
        <translation>From: {author}</translation>
    </message>
    <message>
        <source>Phân loại: {category} · {status}</source>
        <translation>Category: {category} · {status}</translation>
    </message>
    <message>
        <source>Người xử lý: {who}</source>
        <translation>Assignee: {who}</translation>
    </message>
    <message>
        <source>Thuộc chiến dịch phối hợp #{id}</source>
        <translation>Part of coordinated campaign #{id}</translation>
    </message>
</context>
<context>
    <name>InboxFilterBar</name>
    <message>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Khẩn cấp</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>Chưa phân loại</source>
        <translation>Not categorised</translation>
    </message>
    <message>
        <source>Của tôi</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>Chưa giao</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>Đang mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Tìm theo nội dung, tên, số điện thoại…</source>
        <translation>Search by text, name, phone number…</translation>
    </message>
    <message>
        <source>Chỉ khẩn cấp</source>
        <translation>Urgent only</translation>
    </message>
    <message>
        <source>Bộ lọc ▾</source>
        <translation>Filters ▾</translation>
    </message>
    <message>
        <source>Lưu chế độ xem…</source>
        <translation type="vanished">Save view…</translation>
    </message>
    <message>
        <source>Lưu…</source>
        <translation>Save…</translation>
    </message>
    <message>
        <source>Lưu bộ lọc hiện tại thành một chế độ xem</source>
        <translation>Save the current filters as a view</translation>
    </message>
    <message>
        <source>Xoá</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Xoá chế độ xem đã lưu này</source>
        <translation>Delete this saved view</translation>
    </message>
    <message>
        <source>Đặt lại</source>
        <translation>Reset</translation>
    </message>
    <message>
        <source>Đơn vị / tài khoản</source>
        <translation>Unit / account</translation>
    </message>
    <message>
        <source>Kênh</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Phân loại</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Người xử lý</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Từ</source>
        <translation>From</translation>
    </message>
    <message>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Mọi đơn vị, tài khoản</source>
        <translation>All units and accounts</translation>
    </message>
    <message>
        <source>Mọi kênh</source>
        <translation>All channels</translation>
    </message>
    <message>
        <source>Mọi phân loại</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>Mọi trạng thái</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Đang mở (chưa xong)</source>
        <translation>Open (not resolved)</translation>
    </message>
    <message>
        <source>Mọi lúc</source>
        <translation>Any time</translation>
    </message>
    <message>
        <source>24 giờ qua</source>
        <translation>Last 24 hours</translation>
    </message>
    <message>
        <source>7 ngày qua</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>30 ngày qua</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Khoảng ngày…</source>
        <translation>Date range…</translation>
    </message>
    <message>
        <source>Mọi người</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>Lưu chế độ xem</source>
        <translation>Save view</translation>
    </message>
    <message>
        <source>Tên chế độ xem:</source>
        <translation>View name:</translation>
    </message>
    <message>
        <source>Tài khoản: {name}</source>
        <translation>Account: {name}</translation>
    </message>
    <message>
        <source>{n} vụ việc</source>
        <translation>{n} cases</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <source>Kênh</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Tài khoản</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Người gửi</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>Phân loại</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Khẩn</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Cập nhật</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Người xử lý</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>KHẨN CẤP</source>
        <translation>URGENT</translation>
    </message>
    <message>
        <source>chưa đọc</source>
        <translation>unread</translation>
    </message>
    <message>
        <source>chưa giao</source>
        <translation>unassigned</translation>
    </message>
    <message>
        <source>Đơn vị: {unit}</source>
        <translation>Unit: {unit}</translation>
    </message>
    <message>
        <source>Người gửi: {author}</source>
        <translation>From: {author}</translation>
    </message>
    <message>
        <source>Phân loại: {category} · {status}</source>
        <translation>Category: {category} · {status}</translation>
    </message>
    <message>
        <source>Người xử lý: {who}</source>
        <translation>Assignee: {who}</translation>
    </message>
</context>
<context>
    <name>InboxView</name>
    <message>
        <source>Tìm theo nội dung, tên, số điện thoại…</source>
        <translation type="vanished">Search by text, name, phone number…</translation>
    </message>
    <message>
        <source>Chỉ khẩn cấp</source>
        <translation type="vanished">Urgent only</translation>
    </message>
    <message>
        <source>Tất cả</source>
        <translation type="vanished">All</translation>
    </message>
    <message>
        <source>Không có vụ việc nào khớp bộ lọc.</source>
        <translation>No case matches the filters.</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Ngôn ngữ giao diện</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Khoá màn hình sau khi không thao tác</source>
        <translation>Lock the screen when idle for</translation>
    </message>
    <message>
        <source>Đã lưu. Thời gian khoá màn hình áp dụng từ lần đăng nhập sau.</source>
        <translation>Saved. The new idle-lock time applies from the next sign-in.</translation>
    </message>
    <message>
        <source>Đã lưu. Ngôn ngữ mới có hiệu lực khi khởi động lại DutyDesk.</source>
        <translation>Saved. The new language takes effect when DutyDesk is restarted.</translation>
    </message>
    <message>
        <source>Không lưu được cài đặt: {error}</source>
        <translation>The setting could not be saved: {error}</translation>
    </message>
</context>
<context>
    <name>LeaderWindow</name>
    <message>
        <source>DutyDesk — Trưởng ca</source>
        <translation>DutyDesk — Shift leader</translation>
    </message>
    <message>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Khối lượng công việc</source>
        <translation>Workload</translation>
    </message>
    <message>
        <source>Lịch trực</source>
        <translation>Duty roster</translation>
    </message>
    <message>
        <source>Bàn giao ca</source>
        <translation>Shift handover</translation>
    </message>
    <message>
        <source>Chuyển đơn vị quá hạn</source>
        <translation>Overdue forwards</translation>
    </message>
    <message>
        <source>Đơn vị:</source>
        <translation>Unit:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>DutyDesk — Bàn trực mạng xã hội</source>
        <translation>DutyDesk — Social media duty desk</translation>
    </message>
    <message>
        <source>Hộp thư chung</source>
        <translation>Shared inbox</translation>
    </message>
    <message>
        <source>Màn hình đã khoá. Nhập mật khẩu để tiếp tục.</source>
        <translation>Screen locked. Enter your password to continue.</translation>
    </message>
    <message>
        <source>Đang mở kho dữ liệu…</source>
        <translation>Opening the data store…</translation>
    </message>
    <message>
        <source>Vụ tiếp theo (hoặc mũi tên xuống)</source>
        <translation>Next case (or Down arrow)</translation>
    </message>
    <message>
        <source>Vụ trước (hoặc mũi tên lên)</source>
        <translation>Previous case (or Up arrow)</translation>
    </message>
    <message>
        <source>Tìm kiếm</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Bật/tắt khẩn cấp</source>
        <translation>Toggle urgent</translation>
    </message>
    <message>
        <source>Giao việc</source>
        <translation>Assign</translation>
    </message>
    <message>
        <source>Trả lời</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>Ẩn bình luận (có xác nhận)</source>
        <translation>Hide comment (with confirmation)</translation>
    </message>
    <message>
        <source>Đánh dấu đã xong</source>
        <translation>Mark as resolved</translation>
    </message>
    <message>
        <source>Về danh sách vụ việc</source>
        <translation>Back to the case list</translation>
    </message>
    <message>
        <source>Bảng phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Mở vụ đang chọn</source>
        <translation>Open the selected case</translation>
    </message>
    <message>
        <source>Phân loại theo số ghi trong khung phân loại</source>
        <translation>Categorise by the number shown in the category pane</translation>
    </message>
    <message>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Cài đặt…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>&amp;Xem</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Tình trạng đồng bộ các tài khoản</source>
        <translation>Account sync status</translation>
    </message>
    <message>
        <source>&amp;Ca trực</source>
        <translation>&amp;Shift</translation>
    </message>
    <message>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Hộp thư chung: {threads} vụ việc ({open} đang mở, {urgent} khẩn cấp), {items} mục, {accounts} tài khoản</source>
        <translation>Shared inbox: {threads} cases ({open} open, {urgent} urgent), {items} items, {accounts} accounts</translation>
    </message>
    <message>
        <source>Đồng bộ lúc {time}: {ok}/{total} tài khoản ổn định, +{new} mục mới</source>
        <translation>Synced at {time}: {ok}/{total} accounts healthy, +{new} new items</translation>
    </message>
    <message>
        <source>Chuyển đến đơn vị</source>
        <translation>Forwarded to us</translation>
    </message>
    <message>
        <source>Bảng trưởng ca…</source>
        <translation>Shift leader&apos;s board…</translation>
    </message>
    <message>
        <source>Nhật ký kiểm toán…</source>
        <translation>Audit log…</translation>
    </message>
    <message>
        <source>Quản trị…</source>
        <translation>Administration…</translation>
    </message>
    <message>
        <source>Chờ duyệt</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <source>Chờ duyệt ({n})</source>
        <translation>Awaiting approval ({n})</translation>
    </message>
</context>
<context>
    <name>MentionsButton</name>
    <message>
        <source>@ Nhắc đến tôi ({n})</source>
        <translation>@ My mentions ({n})</translation>
    </message>
    <message>
        <source>Không có ghi chú mới nhắc đến đồng chí</source>
        <translation>No new notes mention you</translation>
    </message>
    <message>
        <source>#{id} · {author} · {when}</source>
        <translation>#{id} · {author} · {when}</translation>
    </message>
</context>
<context>
    <name>ModelPage</name>
    <message>
        <source>Huấn luyện lại mô hình phân loại từ dữ liệu gốc cùng các chỉnh sửa phân loại của cán bộ. Mô hình mới chỉ được dùng nếu không kém hơn mô hình hiện tại trên tập kiểm tra (macro-F1 và độ nhạy tin khẩn), từ lần khởi động sau.</source>
        <translation>Retrain the classification model on the shipped data together with the officers&apos; category corrections. The new model is used only if it is not worse than the current one on the held-out test set (macro-F1 and urgent recall), from the next start.</translation>
    </message>
    <message>
        <source>Huấn luyện lại</source>
        <translation>Retrain</translation>
    </message>
    <message>
        <source>Mô hình hiện tại</source>
        <translation>Current model</translation>
    </message>
    <message>
        <source>Mô hình mới</source>
        <translation>New model</translation>
    </message>
    <message>
        <source>Macro-F1</source>
        <translation>Macro-F1</translation>
    </message>
    <message>
        <source>Độ nhạy tin khẩn</source>
        <translation>Urgent recall</translation>
    </message>
    <message>
        <source>Đang huấn luyện… việc này có thể mất vài phút; trong lúc đó vẫn làm việc bình thường được.</source>
        <translation>Training… this may take a few minutes; you can keep working meanwhile.</translation>
    </message>
    <message>
        <source>Đã huấn luyện với {corrections} chỉnh sửa của cán bộ ({examples} mẫu, {seconds} giây).</source>
        <translation>Trained with {corrections} officer corrections ({examples} examples, {seconds} s).</translation>
    </message>
    <message>
        <source>Mô hình mới không kém hơn nên được giữ lại; nó được dùng từ lần khởi động sau.</source>
        <translation>The new model is not worse, so it is kept; it is used from the next start.</translation>
    </message>
    <message>
        <source>Mô hình mới kém hơn trên tập kiểm tra nên không được dùng; mô hình hiện tại được giữ nguyên.</source>
        <translation>The new model is worse on the test set, so it is not used; the current model stays.</translation>
    </message>
    <message>
        <source>Huấn luyện lại thất bại; mô hình hiện tại được giữ nguyên. ({error})</source>
        <translation>Retraining failed; the current model stays. ({error})</translation>
    </message>
</context>
<context>
    <name>NotesPane</name>
    <message>
        <source>Ghi chú nội bộ</source>
        <translation>Internal notes</translation>
    </message>
    <message>
        <source>Ghi chú chỉ cán bộ thấy; gõ @ để nhắc một cán bộ (văn bản thuần)…</source>
        <translation>Notes only officers can see; type @ to mention an officer (plain text)…</translation>
    </message>
    <message>
        <source>Lưu ghi chú (Ctrl+Enter)</source>
        <translation>Save note (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>{n}/{max} ký tự</source>
        <translation>{n}/{max} characters</translation>
    </message>
</context>
<context>
    <name>OfficersTab</name>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Số vụ việc tối đa</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>Cần biết</source>
        <translation>Need-to-know</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Khóa đến</source>
        <translation>Locked until</translation>
    </message>
    <message>
        <source>Cán bộ đang chọn</source>
        <translation>Selected officer</translation>
    </message>
    <message>
        <source>Được xem thông tin người báo tin (cần biết)</source>
        <translation>May see informants&apos; details (need-to-know)</translation>
    </message>
    <message>
        <source>Lưu thay đổi</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>Vô hiệu hóa</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>Mở khóa tài khoản</source>
        <translation>Unlock account</translation>
    </message>
    <message>
        <source>Đặt lại mật khẩu</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>Mật khẩu mới</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>Thêm cán bộ</source>
        <translation>Add officer</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Số vụ việc tối đa: số vụ việc đang mở được tự động giao cho cán bộ cùng lúc (tin khẩn vẫn được giao khi mọi người đã đủ).</source>
        <translation>Capacity: how many open cases auto-assignment gives the officer at once (urgent cases are still assigned when everyone is full).</translation>
    </message>
    <message>
        <source>✔</source>
        <translation>✔</translation>
    </message>
    <message>
        <source>Đang hoạt động</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Đã vô hiệu hóa</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <source>Kích hoạt lại</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <source>Điền đủ tên đăng nhập, họ tên và đơn vị.</source>
        <translation>Fill in the username, full name and unit.</translation>
    </message>
    <message>
        <source>Tên đăng nhập chỉ gồm chữ cái, chữ số, &apos;.&apos;, &apos;_&apos; hoặc &apos;-&apos; (tối đa 64 ký tự).</source>
        <translation>A username has only letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos; (at most 64 characters).</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords do not match.</translation>
    </message>
    <message>
        <source>Đã thêm cán bộ {name} ({username}).</source>
        <translation>Officer {name} ({username}) added.</translation>
    </message>
    <message>
        <source>Họ và tên đang trống.</source>
        <translation>The full name is empty.</translation>
    </message>
    <message>
        <source>Không có thay đổi nào để lưu.</source>
        <translation>Nothing has changed.</translation>
    </message>
    <message>
        <source>Đã lưu thay đổi của {name}.</source>
        <translation>Changes to {name} saved.</translation>
    </message>
    <message>
        <source>{n} vụ việc của cán bộ này được trả lại để giao cho người khác.</source>
        <translation>{n} of this officer&apos;s cases were released to be assigned to others.</translation>
    </message>
    <message>
        <source>Đã vô hiệu hóa tài khoản của {name}.</source>
        <translation>{name}&apos;s account deactivated.</translation>
    </message>
    <message>
        <source>Đã kích hoạt lại tài khoản của {name}.</source>
        <translation>{name}&apos;s account reactivated.</translation>
    </message>
    <message>
        <source>Đã mở khóa tài khoản của {name}.</source>
        <translation>{name}&apos;s account unlocked.</translation>
    </message>
    <message>
        <source>Đã đặt mật khẩu mới cho {name}.</source>
        <translation>New password set for {name}.</translation>
    </message>
</context>
<context>
    <name>OverdueTab</name>
    <message>
        <source>Vụ việc</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Phân loại</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Đơn vị nhận</source>
        <translation>Receiving unit</translation>
    </message>
    <message>
        <source>Hạn</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Vượt cấp</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>Chỉ đạo</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <source>Ghi chú báo cáo vượt cấp (không bắt buộc)</source>
        <translation>Escalation note (optional)</translation>
    </message>
    <message>
        <source>Báo cáo vượt cấp</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <source>⚠ #{id}</source>
        <translation>⚠ #{id}</translation>
    </message>
    <message>
        <source>Chuyển đơn vị quá hạn chưa có kết quả: {n} — nhấn đúp để mở vụ việc</source>
        <translation>Overdue forwards without a result: {n} — double-click to open the case</translation>
    </message>
    <message>
        <source>Đã báo cáo vượt cấp vụ việc #{id} ({unit}).</source>
        <translation>Case #{id} escalated ({unit}).</translation>
    </message>
</context>
<context>
    <name>PresenceBar</name>
    <message>
        <source> (máy {ws})</source>
        <translation> (workstation {ws})</translation>
    </message>
    <message>
        <source>✍ Đ/c {name}{where} đang soạn trả lời</source>
        <translation>✍ Officer {name}{where} is writing a reply</translation>
    </message>
    <message>
        <source>👁 Đ/c {name}{where} đang mở vụ này</source>
        <translation>👁 Officer {name}{where} has this case open</translation>
    </message>
</context>
<context>
    <name>ReplyPane</name>
    <message>
        <source>Trả lời và xử lý</source>
        <translation>Reply and act</translation>
    </message>
    <message>
        <source>Bình luận:</source>
        <translation>Comment:</translation>
    </message>
    <message>
        <source>Chèn mẫu</source>
        <translation>Insert template</translation>
    </message>
    <message>
        <source>Nội dung trả lời (văn bản thuần)…</source>
        <translation>Reply text (plain text)…</translation>
    </message>
    <message>
        <source>Gửi (Ctrl+Enter)</source>
        <translation>Send (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Ẩn</source>
        <translation>Hide</translation>
    </message>
    <message>
        <source>Hiện lại</source>
        <translation>Unhide</translation>
    </message>
    <message>
        <source>Xoá</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Chặn người này</source>
        <translation>Block this person</translation>
    </message>
    <message>
        <source>Thao tác gửi đi</source>
        <translation>Outgoing actions</translation>
    </message>
    <message>
        <source>Thao tác gửi đi ({n})</source>
        <translation>Outgoing actions ({n})</translation>
    </message>
    <message>
        <source>Bình luận này đã được trả lời riêng (mỗi bình luận một lần)</source>
        <translation type="vanished">This comment has already had a private reply (one per comment)</translation>
    </message>
    <message>
        <source>Người dân chưa nhắn tin: chưa thể trả lời</source>
        <translation type="vanished">The citizen has not written yet: no reply possible</translation>
    </message>
    <message>
        <source> — không thể gửi nữa, chờ người dân nhắn lại</source>
        <translation type="vanished"> — nothing can be sent any more; wait for the citizen to write again</translation>
    </message>
    <message>
        <source> [đã ẩn]</source>
        <translation> [hidden]</translation>
    </message>
    <message>
        <source> [đã xoá]</source>
        <translation> [deleted]</translation>
    </message>
    <message>
        <source>— Mẫu trả lời —</source>
        <translation>— Reply templates —</translation>
    </message>
    <message>
        <source>{n}/{max} ký tự</source>
        <translation>{n}/{max} characters</translation>
    </message>
</context>
<context>
    <name>ReplyPolicyTab</name>
    <message>
        <source>Loại vụ việc</source>
        <translation>Case category</translation>
    </message>
    <message>
        <source>Cần lãnh đạo ca duyệt</source>
        <translation>Needs shift leader approval</translation>
    </message>
    <message>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Cần duyệt</source>
        <translation>Needs approval</translation>
    </message>
    <message>
        <source>Không</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Đã đặt</source>
        <translation>Set</translation>
    </message>
    <message>
        <source>Mặc định</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>Trả lời của cán bộ trực trên vụ việc thuộc loại được đánh dấu sẽ chờ lãnh đạo ca duyệt rồi mới gửi; trả lời của lãnh đạo ca không phải chờ. Thay đổi áp dụng cho các trả lời viết từ lúc đó.</source>
        <translation>A duty officer&apos;s reply on a case of a ticked category waits for a shift leader&apos;s approval before it is sent; a shift leader&apos;s own replies do not wait. A change applies to replies written from then on.</translation>
    </message>
    <message>
        <source>Chỉ quản trị cấp tỉnh được thay đổi quy định này; ở đây chỉ xem được.</source>
        <translation>Only a province admin may change this policy; it is shown read-only here.</translation>
    </message>
    <message>
        <source>Từ nay trả lời loại {category} cần lãnh đạo ca duyệt.</source>
        <translation>From now on, replies on {category} cases need a shift leader&apos;s approval.</translation>
    </message>
    <message>
        <source>Từ nay trả lời loại {category} được gửi ngay.</source>
        <translation>From now on, replies on {category} cases are sent at once.</translation>
    </message>
</context>
<context>
    <name>RosterTab</name>
    <message>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Bắt đầu</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Kết thúc</source>
        <translation>End</translation>
    </message>
    <message>
        <source>Trực chỉ huy</source>
        <translation>Leader on duty</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Kết thúc ca này ngay</source>
        <translation>End this shift now</translation>
    </message>
    <message>
        <source>Trực chỉ huy (lãnh đạo ca)</source>
        <translation>Leader on duty (shift leader)</translation>
    </message>
    <message>
        <source>Thêm ca trực</source>
        <translation>Add shift</translation>
    </message>
    <message>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Xếp ca mới</source>
        <translation>New shift</translation>
    </message>
    <message>
        <source>Kết thúc sớm lúc {t}</source>
        <translation>Ended early at {t}</translation>
    </message>
    <message>
        <source>Đang trực</source>
        <translation>On duty</translation>
    </message>
    <message>
        <source>Sắp tới</source>
        <translation>Upcoming</translation>
    </message>
    <message>
        <source>Đã hết ca</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>✔</source>
        <translation>✔</translation>
    </message>
    <message>
        <source>Chọn cán bộ và đơn vị.</source>
        <translation>Choose an officer and a unit.</translation>
    </message>
    <message>
        <source>Ca trực phải kết thúc sau khi bắt đầu.</source>
        <translation>A shift must end after it starts.</translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo ca mới được xếp làm trực chỉ huy.</source>
        <translation>Only shift leaders can be made leader on duty.</translation>
    </message>
    <message>
        <source>Đã xếp ca trực: {who}, {start} → {end}.</source>
        <translation>Shift scheduled: {who}, {start} → {end}.</translation>
    </message>
    <message>
        <source>Đã kết thúc ca của {who}; chia lại {n} vụ việc.</source>
        <translation>{who}&apos;s shift ended; {n} cases reassigned.</translation>
    </message>
</context>
<context>
    <name>RulesEditor</name>
    <message>
        <source>Tên quy tắc</source>
        <translation>Rule name</translation>
    </message>
    <message>
        <source>Phạm vi</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>Điều kiện</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>Xử lý</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Quy tắc mới</source>
        <translation>New rule</translation>
    </message>
    <message>
        <source>Bật / tắt</source>
        <translation>Enable / disable</translation>
    </message>
    <message>
        <source>Quy tắc tự động kiểm duyệt</source>
        <translation>Auto-moderation rules</translation>
    </message>
    <message>
        <source>Độ tin cậy tối thiểu</source>
        <translation>Minimum confidence</translation>
    </message>
    <message>
        <source>Tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Áp dụng cho</source>
        <translation>Applies to</translation>
    </message>
    <message>
        <source>Loại nội dung</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Quy tắc</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Lưu quy tắc</source>
        <translation>Save rule</translation>
    </message>
    <message>
        <source>Chạy thử trên dữ liệu đã lưu</source>
        <translation>Dry run on stored data</translation>
    </message>
    <message>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Chạy thử cho biết quy tắc sẽ xử lý những gì trong dữ liệu đã lưu, không gửi gì lên nền tảng.</source>
        <translation>A dry run shows what the rule would do to the stored comments, without sending anything to the platform.</translation>
    </message>
    <message>
        <source>Chạy thử</source>
        <translation>Dry run</translation>
    </message>
    <message>
        <source>Thời điểm</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Lần kích hoạt gần đây</source>
        <translation>Recent hits</translation>
    </message>
    <message>
        <source>Có số điện thoại</source>
        <translation>Contains a phone number</translation>
    </message>
    <message>
        <source>Có đường link</source>
        <translation>Contains a link</translation>
    </message>
    <message>
        <source>Quảng cáo cá cược</source>
        <translation>Betting promotion</translation>
    </message>
    <message>
        <source>Được phân loại là…</source>
        <translation>Classified as…</translation>
    </message>
    <message>
        <source>Xoá bình luận</source>
        <translation>Delete comment</translation>
    </message>
    <message>
        <source>Ẩn bình luận</source>
        <translation>Hide comment</translation>
    </message>
    <message>
        <source>Chưa xếp hàng</source>
        <translation>Not queued yet</translation>
    </message>
    <message>
        <source>Đang chờ gửi</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <source>Đang gửi</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Đã thực hiện</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Thất bại</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Chưa rõ kết quả</source>
        <translation>Outcome unknown</translation>
    </message>
    <message>
        <source>Chờ lãnh đạo ca duyệt</source>
        <translation>Awaiting the shift leader&apos;s approval</translation>
    </message>
    <message>
        <source>Bị từ chối</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Phân loại: {category}</source>
        <translation>Category: {category}</translation>
    </message>
    <message>
        <source>Phân loại: {category}, tin cậy ≥ {confidence}</source>
        <translation>Category: {category}, confidence ≥ {confidence}</translation>
    </message>
    <message>
        <source>Mọi trang</source>
        <translation>All Pages</translation>
    </message>
    <message>
        <source>Trang #{id}</source>
        <translation>Page #{id}</translation>
    </message>
    <message>
        <source>Đang bật</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>Đã tắt</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>Sửa quy tắc #{id}</source>
        <translation>Edit rule #{id}</translation>
    </message>
    <message>
        <source>Hãy đặt tên cho quy tắc.</source>
        <translation>Give the rule a name.</translation>
    </message>
    <message>
        <source>Đã thêm quy tắc “{name}”.</source>
        <translation>Rule “{name}” added.</translation>
    </message>
    <message>
        <source>Quy tắc #{old} đã từng xử lý bình luận nên được thay bằng quy tắc #{new}; các lần xử lý cũ vẫn gắn với định nghĩa cũ.</source>
        <translation>Rule #{old} has already acted on comments, so it was replaced by rule #{new}; its earlier hits stay linked to the old definition.</translation>
    </message>
    <message>
        <source>Đã lưu quy tắc “{name}”.</source>
        <translation>Rule “{name}” saved.</translation>
    </message>
    <message>
        <source>Không lưu được quy tắc: {reason}</source>
        <translation>The rule could not be saved: {reason}</translation>
    </message>
    <message>
        <source>Đã bật quy tắc “{name}”.</source>
        <translation>Rule “{name}” enabled.</translation>
    </message>
    <message>
        <source>Đã tắt quy tắc “{name}”.</source>
        <translation>Rule “{name}” disabled.</translation>
    </message>
    <message>
        <source>Đang chạy thử…</source>
        <translation>Dry run in progress…</translation>
    </message>
    <message>
        <source>Đã dừng chạy thử.</source>
        <translation>Dry run stopped.</translation>
    </message>
    <message>
        <source>Đang chạy thử… đã xét {scanned} bình luận, {matched} khớp</source>
        <translation>Dry run in progress… {scanned} comments checked, {matched} matching</translation>
    </message>
    <message>
        <source>Không chạy thử được: {reason}</source>
        <translation>The dry run could not start: {reason}</translation>
    </message>
    <message>
        <source>Đã xét {scanned} bình luận: {matched} khớp quy tắc, trong đó {would_act} sẽ bị xử lý, {hidden} đã ẩn sẵn, {moderated} đã được quy tắc khác xử lý.</source>
        <translation>Checked {scanned} comments: {matched} match the rule, of which {would_act} would be acted on, {hidden} are already hidden and {moderated} were already handled by a rule.</translation>
    </message>
    <message>
        <source> [đã ẩn]</source>
        <translation> [hidden]</translation>
    </message>
    <message>
        <source>#{item} — {page} — thấy: {evidence}</source>
        <translation>#{item} — {page} — found: {evidence}</translation>
    </message>
    <message>
        <source>Chạy thử thất bại: {error}</source>
        <translation>The dry run failed: {error}</translation>
    </message>
    <message>
        <source>Có lỗi: {error}</source>
        <translation>Error: {error}</translation>
    </message>
</context>
<context>
    <name>RulesTab</name>
    <message>
        <source>Vụ việc mới chưa giao được xét theo thứ tự các quy tắc đang bật (số nhỏ trước). Quy tắc đầu tiên khớp đơn vị và loại vụ việc giao lần lượt cho từng cán bộ đang trong ca trực tại đơn vị được chọn, không vượt quá số vụ việc tối đa của mỗi người; tin khẩn được giao trước. Vụ việc không khớp quy tắc nào được giao cho ca trực tại đơn vị của vụ việc (hoặc đơn vị cấp trên gần nhất có người trực).</source>
        <translation>New unassigned cases are checked against the enabled rules in order (lowest number first). The first rule matching the case&apos;s unit and category assigns it in turn to the officers on shift at the chosen unit, within each officer&apos;s capacity; urgent cases go first. Cases no rule matches go to the shift at the case&apos;s unit (or the nearest staffed unit above it).</translation>
    </message>
    <message>
        <source>Thứ tự</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Tên quy tắc</source>
        <translation>Rule name</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Loại vụ việc</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Giao cho ca trực tại</source>
        <translation>Assign to the shift at</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Quy tắc</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Mọi loại</source>
        <translation>Any category</translation>
    </message>
    <message>
        <source>Đang bật</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>Quy tắc mới</source>
        <translation>New rule</translation>
    </message>
    <message>
        <source>Lưu quy tắc</source>
        <translation>Save rule</translation>
    </message>
    <message>
        <source>Xóa quy tắc</source>
        <translation>Delete rule</translation>
    </message>
    <message>
        <source>Vụ việc của đơn vị (và cấp dưới)</source>
        <translation>Cases of the unit (and below)</translation>
    </message>
    <message>
        <source>Mọi đơn vị</source>
        <translation>Any unit</translation>
    </message>
    <message>
        <source>Đơn vị của vụ việc</source>
        <translation>The case&apos;s unit</translation>
    </message>
    <message>
        <source>Đã tắt</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>Đang sửa quy tắc #{id}</source>
        <translation>Editing rule #{id}</translation>
    </message>
    <message>
        <source>Đặt tên cho quy tắc.</source>
        <translation>Give the rule a name.</translation>
    </message>
    <message>
        <source>Đã lưu quy tắc giao việc {name}.</source>
        <translation>Assignment rule {name} saved.</translation>
    </message>
    <message>
        <source>Đã xóa quy tắc giao việc {name}.</source>
        <translation>Assignment rule {name} deleted.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Chung</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Mô hình phân loại</source>
        <translation>Classification model</translation>
    </message>
    <message>
        <source>Tự động kiểm duyệt</source>
        <translation>Auto-moderation</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Phím</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Thao tác</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>DutyDesk — Đăng nhập</source>
        <translation>DutyDesk — Sign in</translation>
    </message>
    <message>
        <source>Máy trạm kết nối Internet: chỉ xử lý thông tin không thuộc bí mật nhà nước.</source>
        <translation>Internet-connected workstation: handle only information that is not a state secret.</translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Lần chạy đầu tiên: tạo tài khoản quản trị đơn vị. Quản trị viên sẽ thêm các cán bộ khác.</source>
        <translation>First run: create the unit administrator account. The administrator will add the other officers.</translation>
    </message>
    <message>
        <source>Tạo quản trị viên</source>
        <translation>Create administrator</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>Mở khóa</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Cán bộ khác đăng nhập</source>
        <translation>Sign in as another officer</translation>
    </message>
    <message>
        <source>Màn hình đã khóa. Cán bộ: {name} ({username})</source>
        <translation>Screen locked. Officer: {name} ({username})</translation>
    </message>
    <message>
        <source>Không đăng nhập được do lỗi hệ thống; thử lại hoặc báo quản trị.</source>
        <translation>Could not sign in because of a system error; try again or tell the administrator.</translation>
    </message>
    <message>
        <source>Nhập tên đăng nhập và mật khẩu.</source>
        <translation>Enter your username and password.</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords do not match.</translation>
    </message>
    <message>
        <source>Điền đủ tên đăng nhập, họ tên và đơn vị.</source>
        <translation>Fill in the username, full name and unit.</translation>
    </message>
</context>
<context>
    <name>SlaTab</name>
    <message>
        <source>Loại vụ việc</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Phản hồi đầu</source>
        <translation>First response</translation>
    </message>
    <message>
        <source>Phản hồi đầu (tin khẩn)</source>
        <translation>First response (urgent)</translation>
    </message>
    <message>
        <source>Giải quyết</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Chỉ tiêu của loại vụ việc đang chọn</source>
        <translation>Targets of the selected category</translation>
    </message>
    <message>
        <source>Điền giá trị mặc định</source>
        <translation>Fill in the defaults</translation>
    </message>
    <message>
        <source>Lưu chỉ tiêu</source>
        <translation>Save targets</translation>
    </message>
    <message>
        <source>{n} ngày</source>
        <translation>{n} d</translation>
    </message>
    <message>
        <source>{n} giờ</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <source>{n} phút</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>Đã đặt</source>
        <translation>Set by an admin</translation>
    </message>
    <message>
        <source>Mặc định</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>Thời hạn tính từ lúc vụ việc đến (hoặc được mở lại). Thay đổi áp dụng ngay cho mọi vụ việc đang mở của loại đó.</source>
        <translation>Targets count from when a case arrives (or is reopened). A change applies at once to every open case of that category.</translation>
    </message>
    <message>
        <source>Chỉ quản trị cấp tỉnh được thay đổi chỉ tiêu; ở đây chỉ xem được.</source>
        <translation>Only a province administrator may change the targets; here they can only be viewed.</translation>
    </message>
    <message>
        <source>Mỗi chỉ tiêu phải ít nhất 1 phút.</source>
        <translation>Each target must be at least 1 minute.</translation>
    </message>
    <message>
        <source>Thời hạn giải quyết không được ngắn hơn thời hạn phản hồi đầu.</source>
        <translation>The resolution target cannot be shorter than the first-response target.</translation>
    </message>
    <message>
        <source>Thời hạn phản hồi tin khẩn không được dài hơn thời hạn phản hồi đầu.</source>
        <translation>The urgent first-response target cannot be longer than the first-response target.</translation>
    </message>
    <message>
        <source>Đã lưu chỉ tiêu thời gian xử lý cho loại {category}.</source>
        <translation>SLA targets saved for {category}.</translation>
    </message>
</context>
<context>
    <name>ThreadPane</name>
    <message>
        <source>tệp</source>
        <translation>file</translation>
    </message>
    <message>
        <source>Chọn một vụ việc trong hộp thư</source>
        <translation>Select a case in the inbox</translation>
    </message>
    <message>
        <source>Vụ việc #{id} — đang tải…</source>
        <translation>Case #{id} — loading…</translation>
    </message>
    <message>
        <source>Không tải được vụ việc</source>
        <translation>The case could not be loaded</translation>
    </message>
    <message>
        <source>Vụ việc #{id} — {n} mục</source>
        <translation>Case #{id} — {n} items</translation>
    </message>
    <message>
        <source>Bài viết của trang: {text}</source>
        <translation>Page post: {text}</translation>
    </message>
    <message>
        <source>Nền cam: dữ liệu cá nhân</source>
        <translation>Orange background: personal data</translation>
    </message>
    <message>
        <source>Gạch chân lượn sóng, nền tím nhạt: từ ngữ xúc phạm ({n}; máy tự đánh dấu, có thể nhầm)</source>
        <translation>Wavy underline, light purple background: offensive words ({n}; marked automatically, may be wrong)</translation>
    </message>
    <message>
        <source>#{id} · {when} · {account} · {channel} · {category} · {status} — {text}</source>
        <translation>#{id} · {when} · {account} · {channel} · {category} · {status} — {text}</translation>
    </message>
    <message>
        <source>Các vụ việc khác của người này ({n}) — nhấn Enter để mở</source>
        <translation>This person&apos;s other cases ({n}) — press Enter to open</translation>
    </message>
    <message>
        <source>[đã ẩn]</source>
        <translation>[hidden]</translation>
    </message>
    <message>
        <source>[đã xoá trên nền tảng]</source>
        <translation>[deleted on the platform]</translation>
    </message>
    <message>
        <source>[đã sửa]</source>
        <translation>[edited]</translation>
    </message>
    <message>
        <source>Tài khoản của đơn vị</source>
        <translation>The unit&apos;s account</translation>
    </message>
    <message>
        <source>▌ GHI CHÚ NỘI BỘ ▌ </source>
        <translation>▌ INTERNAL NOTE ▌ </translation>
    </message>
    <message>
        <source>↳ Trả lời: </source>
        <translation>↳ Reply: </translation>
    </message>
    <message>
        <source>📎 Đính kèm: {a}</source>
        <translation>📎 Attachment: {a}</translation>
    </message>
    <message>
        <source>↳ Trả lời [{state}] — {when}</source>
        <translation>↳ Reply [{state}] — {when}</translation>
    </message>
    <message>
        <source>Dữ liệu cá nhân</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <source>Từ ngữ xúc phạm (máy tự đánh dấu, có thể nhầm)</source>
        <translation>Offensive word (marked automatically, may be wrong)</translation>
    </message>
    <message>
        <source>Dữ liệu cá nhân; từ ngữ xúc phạm (máy tự đánh dấu)</source>
        <translation>Personal data; offensive word (marked automatically)</translation>
    </message>
    <message>
        <source>(không rõ)</source>
        <translation>(unknown)</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <source>DutyDesk — vụ việc khẩn cấp</source>
        <translation>DutyDesk — urgent case</translation>
    </message>
    <message>
        <source>… và {n} vụ khác</source>
        <translation>… and {n} more</translation>
    </message>
</context>
<context>
    <name>UrgentAlertBar</name>
    <message>
        <source>Mở vụ mới nhất</source>
        <translation>Open the newest</translation>
    </message>
    <message>
        <source>Xem tất cả vụ khẩn</source>
        <translation>See all urgent cases</translation>
    </message>
    <message>
        <source>Đã nắm</source>
        <translation>Got it</translation>
    </message>
    <message>
        <source>⚠ KHẨN CẤP: 1 vụ mới — {what}</source>
        <translation>⚠ URGENT: 1 new case — {what}</translation>
    </message>
    <message>
        <source>⚠ KHẨN CẤP: {n} vụ mới, mới nhất — {what}</source>
        <translation>⚠ URGENT: {n} new cases, the newest — {what}</translation>
    </message>
</context>
<context>
    <name>WorkloadTab</name>
    <message>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Trong ca</source>
        <translation>On shift</translation>
    </message>
    <message>
        <source>Đang xử lý / định mức</source>
        <translation>In progress / limit</translation>
    </message>
    <message>
        <source>Khẩn</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Vụ việc</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Phân loại</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Cán bộ xử lý</source>
        <translation>Assigned officer</translation>
    </message>
    <message>
        <source>Phản hồi đầu</source>
        <translation>First response</translation>
    </message>
    <message>
        <source>Giải quyết</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>✔ đang trực</source>
        <translation>✔ on duty</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>⚠ #{id}</source>
        <translation>⚠ #{id}</translation>
    </message>
    <message>
        <source>(chưa giao)</source>
        <translation>(unassigned)</translation>
    </message>
    <message>
        <source>Vụ việc quá chỉ tiêu thời gian xử lý ({n}) — nhấn đúp để mở</source>
        <translation>Cases past their time targets ({n}) — double-click to open</translation>
    </message>
</context>
<context>
    <name>admin_common</name>
    <message>
        <source>Tên đăng nhập {name} đã có người dùng.</source>
        <translation>The username {name} is already taken.</translation>
    </message>
    <message>
        <source>Tên đăng nhập chỉ gồm chữ cái, chữ số, &apos;.&apos;, &apos;_&apos; hoặc &apos;-&apos; (tối đa 64 ký tự).</source>
        <translation>A username has only letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos; (at most 64 characters).</translation>
    </message>
    <message>
        <source>Mật khẩu phải có ít nhất 8 ký tự và không bắt đầu hay kết thúc bằng khoảng trắng.</source>
        <translation>A password has at least 8 characters and does not start or end with a space.</translation>
    </message>
</context>
<context>
    <name>case_labels</name>
    <message>
        <source>cán bộ {name}</source>
        <translation>officer {name}</translation>
    </message>
    <message>
        <source>(không rõ)</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <source>mô hình</source>
        <translation>model</translation>
    </message>
    <message>
        <source>mô hình, {pct}%</source>
        <translation>model, {pct}%</translation>
    </message>
    <message>
        <source>quy tắc</source>
        <translation>rule</translation>
    </message>
    <message>
        <source>dữ liệu mẫu</source>
        <translation>sample data</translation>
    </message>
    <message>
        <source>Thường</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Cao</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Khẩn</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Số CCCD/CMND</source>
        <translation>ID card number (CCCD/CMND)</translation>
    </message>
    <message>
        <source>Số tài khoản</source>
        <translation>Bank account number</translation>
    </message>
    <message>
        <source>Biển số xe</source>
        <translation>Licence plate</translation>
    </message>
    <message>
        <source>Thư điện tử</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Trả lời công khai</source>
        <translation>Public reply</translation>
    </message>
    <message>
        <source>Trả lời riêng</source>
        <translation>Private reply</translation>
    </message>
    <message>
        <source>Nhắn tin</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Ẩn bình luận</source>
        <translation>Hide comment</translation>
    </message>
    <message>
        <source>Hiện lại bình luận</source>
        <translation>Unhide comment</translation>
    </message>
    <message>
        <source>Xoá bình luận</source>
        <translation>Delete comment</translation>
    </message>
    <message>
        <source>Chặn người dùng</source>
        <translation>Block user</translation>
    </message>
    <message>
        <source>Chờ gửi</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>Đang gửi</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Thất bại</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Chưa rõ</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>Chờ duyệt</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <source>Không được duyệt</source>
        <translation>Not approved</translation>
    </message>
    <message>
        <source>Chưa gửi được (mạng hoặc nền tảng chưa sẵn sàng); sẽ tự gửi lại {when}</source>
        <translation>Not sent yet (network or platform not ready); it will be sent again automatically {when}</translation>
    </message>
    <message>
        <source>lúc {t}</source>
        <translation>at {t}</translation>
    </message>
    <message>
        <source>khi có mạng</source>
        <translation>when the network is back</translation>
    </message>
    <message>
        <source>Sẽ được gửi khi đến lượt</source>
        <translation>Will be sent in turn</translation>
    </message>
    <message>
        <source>Đang gửi lên nền tảng</source>
        <translation>Being sent to the platform</translation>
    </message>
    <message>
        <source>Chờ lãnh đạo ca duyệt; chưa gửi cho người dân</source>
        <translation>Waiting for the shift leader&apos;s approval; not yet sent to the citizen</translation>
    </message>
    <message>
        <source>Lãnh đạo ca không duyệt: {reason}. Sửa lại rồi gửi lại nếu cần</source>
        <translation>The shift leader did not approve: {reason}. Edit it and send again if needed</translation>
    </message>
    <message>
        <source>không ghi lý do</source>
        <translation>no reason given</translation>
    </message>
    <message>
        <source>Không gửi được: {reason}. Kiểm tra lại rồi thao tác lại nếu cần</source>
        <translation>Could not be sent: {reason}. Check, then try again if needed</translation>
    </message>
    <message>
        <source>không rõ lý do</source>
        <translation>no reason given</translation>
    </message>
    <message>
        <source>Không rõ nền tảng đã nhận chưa: sẽ tự kiểm tra lại lúc {t}, không gửi lại mù quáng</source>
        <translation>Unknown whether the platform received it: it will be checked again at {t}, never resent blindly</translation>
    </message>
    <message>
        <source>Không rõ nền tảng đã nhận chưa: hãy kiểm tra trên trang rồi quyết định gửi lại hay bỏ</source>
        <translation>Unknown whether the platform received it: check on the Page, then decide whether to resend or drop it</translation>
    </message>
    <message>
        <source>{d} ngày {clock}</source>
        <translation>{d} d {clock}</translation>
    </message>
    <message>
        <source>Không giới hạn thời gian</source>
        <translation>No time limit</translation>
    </message>
    <message>
        <source>Đã hết hạn trả lời từ {t}</source>
        <translation>The reply window closed at {t}</translation>
    </message>
    <message>
        <source>Còn {left} để trả lời riêng (một lần, trong 7 ngày từ khi bình luận)</source>
        <translation>{left} left for a private reply (once, within 7 days of the comment)</translation>
    </message>
    <message>
        <source>Zalo: còn {left} (7 ngày từ lần tương tác cuối của người dân)</source>
        <translation>Zalo: {left} left (7 days from the citizen&apos;s last interaction)</translation>
    </message>
    <message>
        <source>Messenger: quá 24 giờ, gửi với thẻ HUMAN_AGENT; còn {left} (7 ngày từ tin cuối)</source>
        <translation>Messenger: past 24 hours, sent with the HUMAN_AGENT tag; {left} left (7 days from the last message)</translation>
    </message>
    <message>
        <source>Messenger: còn {left} (24 giờ từ tin nhắn cuối của người dân)</source>
        <translation>Messenger: {left} left (24 hours from the citizen&apos;s last message)</translation>
    </message>
    <message>
        <source>Kênh này không cho kiểu trả lời đó</source>
        <translation>This channel does not allow that kind of reply</translation>
    </message>
    <message>
        <source>Vụ việc bình luận không có hộp thư riêng để nhắn tin</source>
        <translation>A comment case has no private conversation to message in</translation>
    </message>
    <message>
        <source>Người dân chưa nhắn tin: chưa thể trả lời</source>
        <translation>The citizen has not written yet: no reply possible</translation>
    </message>
    <message>
        <source>Messenger: quá 7 ngày từ tin nhắn cuối của người dân — không thể gửi nữa, chờ người dân nhắn lại</source>
        <translation>Messenger: more than 7 days since the citizen&apos;s last message — nothing can be sent any more; wait for the citizen to write again</translation>
    </message>
    <message>
        <source>Zalo: quá 7 ngày từ lần tương tác cuối của người dân (lỗi -230) — không thể gửi nữa, chờ người dân nhắn lại</source>
        <translation>Zalo: more than 7 days since the citizen&apos;s last interaction (error -230) — nothing can be sent any more; wait for the citizen to write again</translation>
    </message>
    <message>
        <source>Chỉ trả lời riêng được bình luận trên Trang Facebook</source>
        <translation>Only a comment on a Facebook Page can be answered privately</translation>
    </message>
    <message>
        <source>Hãy chọn bình luận của người dân để trả lời riêng</source>
        <translation>Choose the citizen&apos;s comment to answer privately</translation>
    </message>
    <message>
        <source>Bình luận này đã được trả lời riêng (mỗi bình luận một lần)</source>
        <translation>This comment has already had a private reply (one per comment)</translation>
    </message>
    <message>
        <source>Facebook: quá 7 ngày từ khi người dân bình luận — không trả lời riêng được nữa, hãy trả lời công khai</source>
        <translation>Facebook: more than 7 days since the citizen commented — no private reply any more; reply publicly</translation>
    </message>
</context>
<context>
    <name>duty_labels</name>
    <message>
        <source>Cán bộ trực ban</source>
        <translation>Duty officer</translation>
    </message>
    <message>
        <source>Lãnh đạo ca</source>
        <translation>Shift leader</translation>
    </message>
    <message>
        <source>Quản trị</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Kiểm tra</source>
        <translation>Auditor</translation>
    </message>
    <message>
        <source>còn {d}</source>
        <translation>{d} left</translation>
    </message>
    <message>
        <source>quá hạn {d}</source>
        <translation>{d} overdue</translation>
    </message>
    <message>
        <source>Phản hồi đầu: đã phản hồi, trễ {d}</source>
        <translation>First response: given, {d} late</translation>
    </message>
    <message>
        <source>Phản hồi đầu: đã phản hồi đúng hạn</source>
        <translation>First response: given on time</translation>
    </message>
    <message>
        <source>Phản hồi đầu: không có (đã dừng)</source>
        <translation>First response: none (stopped)</translation>
    </message>
    <message>
        <source>Phản hồi đầu: {due}</source>
        <translation>First response: {due}</translation>
    </message>
    <message>
        <source>Giải quyết: {due}</source>
        <translation>Resolution: {due}</translation>
    </message>
    <message>
        <source>Giải quyết: đã dừng, mất {spent} (vượt {over})</source>
        <translation>Resolution: stopped after {spent} ({over} over)</translation>
    </message>
    <message>
        <source>Giải quyết: đã dừng, mất {spent} (đúng hạn)</source>
        <translation>Resolution: stopped after {spent} (on time)</translation>
    </message>
    <message>
        <source> và {n} vụ khác</source>
        <translation> and {n} more</translation>
    </message>
    <message>
        <source>Đang mở: {n}</source>
        <translation>Open: {n}</translation>
    </message>
    <message>
        <source>Khẩn cấp</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Chưa giao</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>Chuyển đơn vị quá hạn: {n}</source>
        <translation>Overdue forwards: {n}</translation>
    </message>
    <message>
        <source> — mã chuyển {ids}</source>
        <translation> — forwards {ids}</translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation>Signed in</translation>
    </message>
    <message>
        <source>Đăng nhập thất bại</source>
        <translation>Sign-in failed</translation>
    </message>
    <message>
        <source>Đăng xuất</source>
        <translation>Signed out</translation>
    </message>
    <message>
        <source>Khóa tài khoản</source>
        <translation>Account locked</translation>
    </message>
    <message>
        <source>Mở khóa màn hình</source>
        <translation>Screen unlocked</translation>
    </message>
    <message>
        <source>Tạo cán bộ</source>
        <translation>Officer created</translation>
    </message>
    <message>
        <source>Sửa cán bộ</source>
        <translation>Officer edited</translation>
    </message>
    <message>
        <source>Đổi mật khẩu</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <source>Xem thông tin người báo tin</source>
        <translation>Informant details viewed</translation>
    </message>
    <message>
        <source>Xem vụ việc</source>
        <translation>Case viewed</translation>
    </message>
    <message>
        <source>Phân loại</source>
        <translation>Category changed</translation>
    </message>
    <message>
        <source>Đổi trạng thái</source>
        <translation>Status changed</translation>
    </message>
    <message>
        <source>Đổi ưu tiên</source>
        <translation>Priority changed</translation>
    </message>
    <message>
        <source>Giao việc</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>Tự động giao việc</source>
        <translation>Auto-assigned</translation>
    </message>
    <message>
        <source>Chia lại vụ việc</source>
        <translation>Cases redistributed</translation>
    </message>
    <message>
        <source>Chia lại khi hết ca</source>
        <translation type="vanished">Reassigned at shift end</translation>
    </message>
    <message>
        <source>Chuyển đơn vị</source>
        <translation>Forwarded to unit</translation>
    </message>
    <message>
        <source>Kết quả chuyển đơn vị</source>
        <translation>Forward result</translation>
    </message>
    <message>
        <source>Báo cáo vượt cấp</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>Trả lời</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>Duyệt trả lời</source>
        <translation>Reply approved</translation>
    </message>
    <message>
        <source>Không duyệt trả lời</source>
        <translation>Reply not approved</translation>
    </message>
    <message>
        <source>Sửa quy định duyệt trả lời</source>
        <translation>Reply approval policy changed</translation>
    </message>
    <message>
        <source>Ghi chú nội bộ</source>
        <translation>Internal note</translation>
    </message>
    <message>
        <source>Ẩn bình luận</source>
        <translation>Comment hidden</translation>
    </message>
    <message>
        <source>Hiện lại bình luận</source>
        <translation>Comment unhidden</translation>
    </message>
    <message>
        <source>Xoá bình luận</source>
        <translation>Comment deleted</translation>
    </message>
    <message>
        <source>Chặn người dùng</source>
        <translation>User blocked</translation>
    </message>
    <message>
        <source>Sửa quy tắc kiểm duyệt</source>
        <translation>Moderation rule edited</translation>
    </message>
    <message>
        <source>Sửa quy tắc giao việc</source>
        <translation>Assignment rule edited</translation>
    </message>
    <message>
        <source>Sửa chỉ tiêu thời gian</source>
        <translation>Time targets edited</translation>
    </message>
    <message>
        <source>Lịch trực</source>
        <translation>Roster changed</translation>
    </message>
    <message>
        <source>Ký bàn giao ca</source>
        <translation>Handover signed</translation>
    </message>
    <message>
        <source>Nhận bàn giao ca</source>
        <translation>Handover accepted</translation>
    </message>
    <message>
        <source>Xuất dữ liệu</source>
        <translation>Data exported</translation>
    </message>
    <message>
        <source>Kiểm tra chuỗi nhật ký</source>
        <translation>Log chain checked</translation>
    </message>
    <message>
        <source>Sửa tài khoản trang</source>
        <translation>Page account edited</translation>
    </message>
    <message>
        <source>Sửa đơn vị</source>
        <translation>Unit edited</translation>
    </message>
</context>
<context>
    <name>health</name>
    <message>
        <source>Chưa đồng bộ</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>Ổn định</source>
        <translation>Healthy</translation>
    </message>
    <message>
        <source>Chậm / tạm lỗi</source>
        <translation>Slow / temporary errors</translation>
    </message>
    <message>
        <source>Mã truy cập hết hạn</source>
        <translation>Access token expired</translation>
    </message>
    <message>
        <source>Thiếu quyền</source>
        <translation>Missing permission</translation>
    </message>
    <message>
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Mã Zalo OA hết hạn hoặc bị thu hồi: quản trị đơn vị cấp quyền lại cho ứng dụng trên Zalo OA rồi nhập mã mới (main.py accounts import). Tin đã lưu vẫn xem được.</source>
        <translation>The Zalo OA token has expired or was revoked: the unit administrator grants the app access on the Zalo OA again and imports the new token (main.py accounts import). Stored messages can still be viewed.</translation>
    </message>
    <message>
        <source>Mã Trang Facebook hết hạn hoặc bị thu hồi (đổi mật khẩu, gỡ quyền quản trị): quản trị đơn vị tạo mã Trang mới và nhập lại (main.py accounts import).</source>
        <translation>The Facebook Page token has expired or was revoked (password changed, admin rights removed): the unit administrator creates a new Page token and imports it (main.py accounts import).</translation>
    </message>
    <message>
        <source>Ứng dụng thiếu quyền trên tài khoản này: quản trị đơn vị cấp lại quyền đọc và quản lý bình luận, tin nhắn rồi nhập lại mã.</source>
        <translation>The app lacks permissions on this account: the unit administrator grants the permissions to read and manage comments and messages again, then imports the token again.</translation>
    </message>
    <message>
        <source>Nền tảng đang giới hạn tốc độ hoặc lỗi tạm thời: hệ thống tự thử lại, không cần thao tác.</source>
        <translation>The platform is rate-limiting or failing temporarily: DutyDesk retries by itself, nothing to do.</translation>
    </message>
    <message>
        <source>Lỗi không tự khắc phục được: báo quản trị đơn vị, gửi kèm nhật ký.</source>
        <translation>An error that will not clear by itself: tell the unit administrator and send the log.</translation>
    </message>
    <message>
        <source>Chưa có lần đồng bộ nào: chờ lượt đồng bộ tiếp theo.</source>
        <translation>Not synced yet: wait for the next sync pass.</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Bình luận Facebook</source>
        <translation>Facebook comment</translation>
    </message>
    <message>
        <source>Messenger</source>
        <translation>Messenger</translation>
    </message>
    <message>
        <source>Zalo</source>
        <translation>Zalo</translation>
    </message>
    <message>
        <source>Bình luận</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Chưa phân loại</source>
        <translation>Not categorised</translation>
    </message>
    <message>
        <source>Tin báo tội phạm</source>
        <translation>Crime tip</translation>
    </message>
    <message>
        <source>Báo lừa đảo</source>
        <translation>Scam report</translation>
    </message>
    <message>
        <source>Hỏi thủ tục</source>
        <translation>Procedure question</translation>
    </message>
    <message>
        <source>Khiếu nại</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>Góp ý</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>Chống đối</source>
        <translation>Hostile</translation>
    </message>
    <message>
        <source>Xúc phạm</source>
        <translation>Abusive</translation>
    </message>
    <message>
        <source>Quảng cáo, rác</source>
        <translation>Spam, advertising</translation>
    </message>
    <message>
        <source>Khác</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Mới</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Đang xử lý</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Đã chuyển</source>
        <translation>Forwarded</translation>
    </message>
    <message>
        <source>Đã xong</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Mở lại</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>{n} phút</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{n} giờ</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <source>{n} ngày</source>
        <translation>{n} d</translation>
    </message>
    <message>
        <source>Hết hạn trả lời</source>
        <translation>Reply window closed</translation>
    </message>
    <message>
        <source>Đã quá thời hạn nhắn lại cho người dân trên kênh này.</source>
        <translation>The time to write back to the citizen on this channel is over.</translation>
    </message>
    <message>
        <source>Còn {left} (HA)</source>
        <translation>{left} left (HA)</translation>
    </message>
    <message>
        <source>Đã quá 24 giờ: chỉ trả lời được với thẻ HUMAN_AGENT, còn {left} (tối đa 7 ngày).</source>
        <translation>Past 24 hours: replies only with the HUMAN_AGENT tag, {left} left (7 days at most).</translation>
    </message>
    <message>
        <source>Còn {left}</source>
        <translation>{left} left</translation>
    </message>
    <message>
        <source>Còn {left} để nhắn lại cho người dân.</source>
        <translation>{left} left to write back to the citizen.</translation>
    </message>
</context>
<context>
    <name>leader_common</name>
    <message>
        <source>Lỗi hệ thống: {e}</source>
        <translation>System error: {e}</translation>
    </message>
</context>
</TS>
